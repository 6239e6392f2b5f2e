import { describe, expect, it } from 'vitest';
import { argvTokens, parseTokens, tokenize } from '../src/cli/command-line';
import { weekdayChoices } from '../src/commands/digest';
import { formatChoices } from '../src/commands/export';
import { commands } from '../src/commands/index';
import { closest, distance } from '../src/commands/shared/closest';
import { parseValues } from '../src/commands/shared/options';
import { sectionChoices, summaryOptions } from '../src/commands/summary';
import { translator } from '../src/i18n/index';
import { userErrorMessage } from '../src/i18n/user-error';
import { isUserError, type UserError } from '../src/services/errors';

const thrown = (fn: () => unknown): UserError => {
  try {
    fn();
  } catch (error) {
    if (isUserError(error)) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
};
const say = (error: UserError, locale: 'en' | 'ko' = 'en') =>
  userErrorMessage(translator(locale), locale, error);

describe('choices: one definition for Discord, the console and the command line', () => {
  it('takes weekdays in English and Korean, long and short, and the numbers Discord sends', () => {
    const day = (input: unknown) => weekdayChoices.schema.parse(input);
    expect([day('friday'), day('Fri'), day('금'), day('금요일'), day(5), day('5')]).toEqual([
      5, 5, 5, 5, 5, 5,
    ]);
    expect([day('sunday'), day('일요일'), day('7'), day(0)]).toEqual([0, 0, 0, 0]);
    expect(weekdayChoices.discord.map((c) => c.value)).toEqual([1, 2, 3, 4, 5, 6, 0]);
    expect(weekdayChoices.discord[0]).toEqual({
      name: 'Monday',
      name_localizations: { ko: '월요일' },
      value: 1,
    });
  });

  it('takes a section by any of its words, and the menu names', () => {
    const section = (input: string) => parseValues(summaryOptions, { role: 'x', section: input }).section;
    expect(['either', 'both', '전체', 'Requirements and preferred'].map(section)).toEqual([
      'both',
      'both',
      'both',
      'both',
    ]);
    expect(['required', 'REQ', '자격요건'].map(section)).toEqual(['required', 'required', 'required']);
    expect(parseValues(summaryOptions, { role: 'x' }).section).toBe('both');
    expect(sectionChoices.words('ko')).toEqual(['전체', '자격요건', '우대사항']);
  });

  it('names the field and lists what it takes, in the reader’s language, with the closest word', () => {
    const error = thrown(() => parseValues(summaryOptions, { role: 'x', section: 'prefered' }));
    expect(say(error)).toBe(
      'The section option does not take "prefered". Did you mean preferred? Use one of: both, required, preferred.',
    );
    expect(say(error, 'ko')).toBe(
      '항목: "prefered" 은(는) 쓸 수 없는 값입니다. 혹시 preferred 을(를) 찾으셨나요? 다음 중 하나를 쓰세요: 전체, 자격요건, 우대사항.',
    );
    expect(formatChoices.schema.parse('md')).toBe('markdown');
  });
});

describe('the console’s line parser', () => {
  const parse = (line: string) => parseTokens(commands, tokenize(line));

  it('reads named options in either language, and the rest in order', () => {
    expect(parse('/summary 백엔드 section:required')).toMatchObject({
      options: { role: '백엔드', section: 'required' },
    });
    expect(parse('/요약 직무:프론트 항목:우대')).toMatchObject({
      options: { role: '프론트', section: '우대' },
    });
    expect(parse('/summary Backend developer').options).toEqual({ role: 'Backend developer' });
    expect(parse('/add-posting backend company:"Toss Bank"').options).toEqual({
      role: 'backend',
      company: 'Toss Bank',
    });
  });

  it('reads page:2 as the page, not as a role, and a number at the end too', () => {
    expect(parse('/postings list page:2')).toMatchObject({ subcommand: 'list', options: { page: '2' } });
    expect(parse('/postings list backend 2')).toMatchObject({ options: { role: 'backend', page: '2' } });
    expect(parse('/list 3')).toMatchObject({ subcommand: 'list', options: { page: '3' } });
    expect(parse('/remove 3')).toMatchObject({ subcommand: 'remove', options: { id: '3' } });
    expect(parse('/postings backend')).toMatchObject({ subcommand: 'list', options: { role: 'backend' } });
  });

  it('refuses an option the command does not have, and a command that does not exist, saying what was meant', () => {
    expect(say(thrown(() => parse('/summary backend sectoin:required')))).toBe(
      '/summary has no option "sectoin". Did you mean section? Use one of: role, section.',
    );
    expect(say(thrown(() => parse('/sumary backend')))).toBe(
      'There is no command /sumary. /help lists them. Did you mean /summary?',
    );
    expect(
      say(
        thrown(() => parse('/digest')),
        'ko',
      ),
    ).toBe('/digest 뒤에 할 일을 써 주세요. 다음 중 하나를 쓰세요: 설정, 끄기, 상태, 미리보기.');
    expect(say(thrown(() => parse('/summary')))).toBe('The role option is missing.');
    expect(parse('/add-posting backend url:https://toss.im/1').options.url).toBe('https://toss.im/1');
  });

  it('turns command-line flags into the same words', () => {
    expect(argvTokens(['set', '--channel', '123', '--weekday=fri', '--dry-run'])).toEqual([
      'set',
      'channel:123',
      'weekday:fri',
      'dry-run:true',
    ]);
  });
});

describe('closest matches', () => {
  it('finds typos and prefixes, and gives up on what is far', () => {
    expect(distance('sumary', 'summary')).toBe(1);
    expect(distance('tehn', 'then')).toBe(1);
    expect(closest('sumary', ['summary', 'postings', 'help'])).toEqual(['summary']);
    expect(closest('pref', ['preferred', 'required'])).toEqual(['preferred']);
    expect(closest('zzz', ['summary', 'postings'])).toEqual([]);
  });

  it('reads only the start of a huge input', () => {
    const huge = `summ${'x'.repeat(1_000_000)}`;
    expect(closest(huge, ['summary', 'postings'])).toEqual([]);
    expect(closest(`sumary${' '.repeat(1_000_000)}`, ['summary'])).toEqual(['summary']);
  });
});
