import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { CLI_COMMANDS } from '../src/cli/registry';
import { renderReply } from '../src/cli/render';
import { createContext } from '../src/commands/context';
import { commands } from '../src/commands/index';
import { postingReply } from '../src/commands/postings';
import { digestReply } from '../src/commands/shared/digest-embed';
import { summaryEmbed } from '../src/commands/shared/summary-embed';
import type { Context, Platform } from '../src/commands/types';
import { en } from '../src/i18n/en';
import { hasMessage, type Locale, translator } from '../src/i18n/index';
import { userErrorMessage } from '../src/i18n/user-error';
import { fixedClock } from '../src/services/clock';
import { UserError } from '../src/services/errors';
import { formatImportReport, type ImportPlan, UNKNOWN_COMPANY } from '../src/services/import/index';
import { createServices, type Services } from '../src/services/index';
import { allowedInKorean, englishWordsIn, linesWithHangul } from './support/language';
import { tempStore } from './support/services';

const LOCALES: Locale[] = ['en', 'ko'];
const allowed = allowedInKorean(commands, [
  ...CLI_COMMANDS.map((c) => c.name),
  'start',
  'help',
  'json',
  // the digest's default zone, and the examples of a time zone
  'America',
  'New_York',
  'UTC',
]);

/** Checks one output in the language it was written for; `data` is what users typed, left out of the check. */
function expectLanguage(locale: Locale, text: string, label: string, data: readonly string[] = []) {
  let checked = text;
  for (const d of data) checked = checked.split(d).join(' ');
  if (locale === 'en') expect(linesWithHangul(checked), `${label} (en)`).toEqual([]);
  else expect(englishWordsIn(checked, allowed), `${label} (ko)`).toEqual([]);
}

/** A value for each placeholder, in the language of the message. */
const SAMPLE: Record<Locale, Record<string, string | number>> = {
  en: {
    company: 'Acme',
    role: 'Backend developer',
    roles: 2,
    field: 'company',
    path: 'notes.md',
    file: 'notes.md',
    value: 'somewhere',
    valid: 'both, required, preferred',
    closest: 'required',
    option: 'sectoin',
    command: '/summary',
    commands: 'help, postings',
    flag: '--sectoin',
    usage: '/summary <role> [section:both|required|preferred]',
    schedule: 'Monday 09:00 (Asia/Seoul)',
    weekday: 'Monday',
    skill: 'Python',
    skills: 'Python, AWS',
    language: 'English',
    problem: 'check its value',
    reason: 'unsupported store',
    store: 'sqlite://data/role-radar.sqlite',
    setting: 'DEV_GUILD_ID',
    user: 'mina',
    names: '/help, /summary',
    format: 'csv',
    size: '1.2 KB',
    week: '2026-W10',
    from: 'Mar 2',
    to: 'Mar 8',
    next: 'Monday, March 9, 2026 at 9:00 AM',
    timezone: 'Asia/Seoul',
    time: '09:00',
    share: '38%',
    url: 'toss.im/jobs',
    end: '.',
    clear: '-',
    errorId: 'a1b2c3d4',
    guild: 'local',
    application: '123456789012345678',
    channel: '123456789012345678',
  },
  ko: {
    company: '가나다',
    role: '백엔드 개발자',
    roles: 2,
    field: '회사',
    path: 'notes.md',
    file: 'notes.md',
    value: '어딘가',
    valid: '전체, 자격요건, 우대사항',
    closest: '자격요건',
    option: '항묵',
    command: '/summary',
    commands: 'help, postings',
    flag: '--sectoin',
    usage: '/요약 <직무> [항목:전체|자격요건|우대사항]',
    schedule: '월요일 09:00 (Asia/Seoul)',
    weekday: '월요일',
    skill: 'Python',
    skills: 'Python, AWS',
    language: '한국어',
    problem: '값을 확인해 주세요',
    reason: '지원하지 않는 저장소',
    store: 'sqlite://data/role-radar.sqlite',
    setting: 'DEV_GUILD_ID',
    user: '미나',
    names: '/help, /summary',
    format: 'csv',
    size: '1.2 KB',
    week: '2026-W10',
    from: '3월 2일',
    to: '3월 8일',
    next: '2026년 3월 9일 월요일 오전 9:00',
    timezone: 'Asia/Seoul',
    time: '09:00',
    share: '38%',
    url: '공고주소',
    end: '.',
    clear: '-',
    errorId: 'a1b2c3d4',
    guild: 'local',
    application: '123456789012345678',
    channel: '123456789012345678',
  },
};

const paramsFor = (locale: Locale, template: string) => {
  const params: Record<string, string | number> = {};
  for (const [, name] of template.matchAll(/\{(\w+)[}|]/g)) {
    if (name) params[name] = SAMPLE[locale][name] ?? 7;
  }
  return params;
};

describe('the catalog: one language at a time', () => {
  it.each(LOCALES)('renders every message in %s without the other language', (locale) => {
    const t = translator(locale);
    const keys = Object.keys(en) as (keyof typeof en)[];
    expect(keys.length).toBeGreaterThan(300);
    for (const key of keys) {
      const text = t(key, paramsFor(locale, en[key]));
      expect(text, key).not.toMatch(/\{\w+\}/);
      expectLanguage(locale, text, key);
    }
  });

  it.each(LOCALES)('says every kind of mistake in %s, hints included', (locale) => {
    const t = translator(locale);
    const error = new UserError('option.choice', {
      field: 'section',
      value: 'either',
      'valid@en': 'both, required, preferred',
      'valid@ko': '전체, 자격요건, 우대사항',
      closest: 'both',
    });
    const text = userErrorMessage(t, locale, error);
    expectLanguage(locale, text, 'option.choice');
    expect(text).toContain(locale === 'ko' ? '항목' : 'section');
    expect(text).toContain(locale === 'ko' ? '자격요건' : 'required');
  });
});

describe('the registry: every command described in both languages', () => {
  it('gives every command, subcommand and option a Korean name, description and field name', () => {
    const walk = (options: readonly Record<string, unknown>[] | undefined, path: string) => {
      for (const option of options ?? []) {
        const name = `${path} ${String(option.name)}`;
        const localizations = option.name_localizations as { ko?: string } | undefined;
        expect(localizations?.ko, `${name}: Korean name`).toBeTruthy();
        const descriptions = option.description_localizations as { ko?: string } | undefined;
        expect(descriptions?.ko, `${name}: Korean description`).toBeTruthy();
        expectLanguage('en', String(option.description), name);
        expectLanguage('ko', String(descriptions?.ko), name);
        const type = option.type as number;
        if (type !== 1 && type !== 2)
          expect(hasMessage(`field.${String(option.name)}`), `field.${String(option.name)}`).toBe(true);
        for (const choice of (option.choices as { name: string; name_localizations?: { ko?: string } }[]) ??
          []) {
          expectLanguage('en', choice.name, `${name} choice`);
          expectLanguage('ko', choice.name_localizations?.ko ?? choice.name, `${name} choice`);
        }
        walk(option.options as Record<string, unknown>[] | undefined, name);
      }
    };
    for (const command of commands) {
      expect(command.data.name_localizations?.ko, command.data.name).toBeTruthy();
      expectLanguage('en', command.data.description, command.data.name);
      expectLanguage('ko', command.data.description_localizations?.ko ?? '', command.data.name);
      walk(command.data.options as unknown as Record<string, unknown>[], `/${command.data.name}`);
    }
  });

  it('describes every flag of every CLI command in the catalog', async () => {
    for (const entry of CLI_COMMANDS) {
      const command = await entry.load();
      expect(hasMessage(command.about), command.about).toBe(true);
      for (const flag of Object.keys(command.flags)) {
        expect(hasMessage(`cli.flag.${flag}`), `${entry.name} --${flag}`).toBe(true);
        if (command.flags[flag]?.type === 'string') {
          expect(hasMessage(`cli.value.${flag}`), `${entry.name} --${flag} value`).toBe(true);
        }
      }
    }
  });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (text: string) => out.push(text),
      stderr: (text: string) => err.push(text),
      readStdin: async () => '자격요건\n- Django 3년 이상\n- AWS\n우대사항\n- Kubernetes\n',
    },
  };
}

describe('help: the CLI, the console and Discord', () => {
  it.each(LOCALES)('prints the CLI usage and each command’s help in %s', async (locale) => {
    const whole = capture();
    expect(await main(['help', '--lang', locale], whole.io)).toBe(0);
    expectLanguage(locale, whole.out.join('\n'), 'role-radar help');
    for (const entry of CLI_COMMANDS) {
      const one = capture();
      expect(await main([entry.name, '--help', '--lang', locale], one.io), entry.name).toBe(0);
      expectLanguage(locale, one.out.join('\n'), `role-radar ${entry.name} --help`);
    }
  });

  it.each(LOCALES)(
    'writes /help from the registry in %s, with every command and its option syntax',
    async (locale) => {
      const temp = await tempStore();
      try {
        const services = createServices({ store: temp.store });
        for (const platform of ['console', 'discord'] as const) {
          const ctx = contextFor(services, locale, { name: platform, checkChannel: async () => 'ok' });
          const help = commands.find((c) => c.data.name === 'help');
          const response = await help?.execute(ctx);
          if (response?.type !== 'reply') throw new Error('help answers with a reply');
          const text = renderReply(response.reply);
          expectLanguage(locale, text, `/help on ${platform}`);
          for (const command of commands) {
            const name = locale === 'ko' ? command.data.name_localizations?.ko : command.data.name;
            expect(text).toContain(`/${name}`);
          }
          expect(text).toContain(
            locale === 'ko' ? '[항목:전체|자격요건|우대사항]' : '[section:both|required|preferred]',
          );
        }
      } finally {
        await temp.remove();
      }
    },
  );
});

function contextFor(services: Services, locale: Locale, platform: Platform): Context {
  return createContext({
    services,
    platform,
    locale,
    guildId: 'g',
    userId: 'u',
    userName: 'u',
    canManageMessages: true,
    canManageGuild: true,
  });
}

describe('replies and exports in both languages', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let services: Services;
  /** What members typed: shown as typed, so left out of the language check. */
  const DATA = [
    'Acme Cloud',
    'Platform Engineer',
    '가나다',
    '서버 개발자',
    'https://example.com/jobs/1',
    'https://example.com/jobs/2',
  ];

  beforeAll(async () => {
    temp = await tempStore();
    services = createServices({ store: temp.store, clock: fixedClock('2026-03-04T01:00:00.000Z') });
    await services.postings.add('g', {
      company: 'Acme Cloud',
      role: 'backend',
      title: 'Platform Engineer',
      url: 'https://example.com/jobs/1',
      requirements: '- Django 3\n- AWS\n- Java, Spring Boot',
      preferred: '- Kubernetes\n- Kotlin',
    });
    await services.postings.add('g', {
      company: '가나다',
      role: 'backend',
      title: '서버 개발자',
      url: 'https://example.com/jobs/2',
      requirements: '- Python 3년 이상\n- MySQL',
      preferred: '- Docker',
    });
    await services.postings.add('g', {
      company: UNKNOWN_COMPANY,
      role: 'backend',
      requirements: '- Go',
    });
  });
  afterAll(async () => {
    await temp.remove();
  });

  it.each(LOCALES)('exports markdown and CSV in %s only, and JSON the same in both', async (locale) => {
    for (const format of ['markdown', 'csv'] as const) {
      const file = await services.exports.export('g', { format, locale });
      const content = file.content.replace(
        /^.*(Python 3년 이상|서버 개발자|Django 3|Java, Spring Boot).*$/gm,
        '',
      );
      expectLanguage(locale, content, `${format} export`, DATA);
      if (locale === 'en') expect(file.content).not.toContain(UNKNOWN_COMPANY);
    }
    const now = new Date('2026-03-04T02:00:00.000Z');
    const json = await services.exports.export('g', { format: 'json', locale, now });
    const other = await services.exports.export('g', {
      format: 'json',
      locale: locale === 'en' ? 'ko' : 'en',
      now,
    });
    expect(json.content).toBe(other.content);
  });

  it.each(LOCALES)('renders a posting, a summary and the digest in %s', async (locale) => {
    const ctx = contextFor(services, locale, { name: 'console', checkChannel: async () => 'ok' });
    for (const id of [1, 2, 3]) {
      const posting = await services.postings.get('g', id);
      const text = renderReply(postingReply(ctx, posting)).replace(/^• .*$/gm, '');
      expectLanguage(locale, text, `posting #${id}`, DATA);
    }
    const summary = await services.summary.forRole('g', 'backend');
    for (const section of ['both', 'required', 'preferred'] as const) {
      expectLanguage(
        locale,
        renderReply({ embeds: [summaryEmbed(ctx, summary, section)] }),
        `summary ${section}`,
      );
    }
    const digest = await services.digest.build('g', { now: new Date('2026-03-06T00:00:00Z') });
    expectLanguage(locale, renderReply(digestReply(digest, locale, { preview: true })), 'digest', DATA);
    const digestCommand = commands.find((c) => c.data.name === 'digest');
    for (const [subcommand, options] of [
      ['set', { channel: '123456789012345678', weekday: 'fri', time: '18:30' }],
      ['status', {}],
    ] as const) {
      const discord = contextFor(services, locale, { name: 'discord', checkChannel: async () => 'ok' });
      for (const c of [ctx, discord]) {
        const response = await digestCommand?.execute({ ...c, subcommand, options });
        if (response?.type !== 'reply') throw new Error('the digest answers with a reply');
        const text = renderReply(response.reply, { locale, timeZone: 'Asia/Seoul', color: false });
        expectLanguage(locale, text, `/digest ${subcommand} on ${c.platform.name}`);
        expect(text).not.toMatch(/<t:|<#/);
      }
    }
  });

  it.each(LOCALES)('answers every radar command in %s', async (locale) => {
    const ctx = contextFor(services, locale, { name: 'console', checkChannel: async () => 'ok' });
    const run = async (name: string, subcommand: string | undefined, options: Record<string, string>) => {
      const command = commands.find((c) => c.data.name === name);
      const response = await command?.execute({ ...ctx, ...(subcommand ? { subcommand } : {}), options });
      if (response?.type !== 'reply') throw new Error(`/${name} answers with a reply`);
      const text = renderReply(response.reply);
      expectLanguage(locale, text, `/${name}${subcommand ? ` ${subcommand}` : ''}`, DATA);
      return text;
    };
    await run('profile', 'set', { skills: 'Python, Django, 도커, Kubernetes' });
    await run('profile', 'show', {});
    await run('match', undefined, { role: 'backend' });
    await run('trends', undefined, { role: 'backend' });
    await run('compare', undefined, { 'role-a': 'backend', 'role-b': 'frontend' });
    await run('skill', undefined, { name: 'python' });
  });

  it.each(LOCALES)('writes the import report in %s, every reason and warning included', (locale) => {
    const plan: ImportPlan = {
      inputs: [],
      postings: [
        {
          company: 'Acme Cloud',
          companyFound: true,
          role: 'backend',
          roleId: 'backend',
          required: 2,
          preferred: 1,
          line: 3,
        },
        {
          company: UNKNOWN_COMPANY,
          companyFound: false,
          role: 'backend',
          roleId: 'backend',
          required: 1,
          preferred: 0,
          line: 9,
        },
        {
          company: 'Acme Cloud',
          companyFound: true,
          role: 'frontend',
          roleId: 'frontend',
          roleInferred: true,
          unlabeled: true,
          required: 3,
          preferred: 0,
          line: 10,
        },
        {
          company: 'Acme Cloud',
          companyFound: true,
          role: null,
          roleId: null,
          roleNeeded: true,
          required: 1,
          preferred: 1,
          line: 11,
        },
      ],
      skipped: [
        { company: 'Acme Cloud', line: 12, reason: 'no-sections' },
        { company: 'Acme Cloud', line: 14, reason: 'empty-sections' },
        { company: 'Acme Cloud', line: 18, reason: 'too-long', detail: 'requirements' },
      ],
      duplicates: [
        { company: 'Acme Cloud', line: 20, of: 'server', existing: { id: 1, company: 'Acme Cloud' } },
        { company: 'Acme Cloud', line: 22, of: 'document', firstLine: 3 },
      ],
      authorSummary: 'x',
      warnings: [
        { code: 'large' },
        { code: 'outside', line: 5 },
        { code: 'bad-link', line: 7, company: 'Acme Cloud' },
      ],
      empty: false,
    };
    const roleLabel = (id: string, l: 'en' | 'ko') => services.roles.label(id, l);
    for (const surface of ['cli', 'discord'] as const) {
      const report = formatImportReport(plan, { locale, maxEntries: 10, roleLabel, surface });
      expectLanguage(locale, report, `import report (${surface})`, DATA);
      expect(report).toContain(services.roles.label('frontend', locale));
    }
    expectLanguage(locale, formatImportReport(plan, { locale, maxEntries: 1 }), 'import report', DATA);
  });

  it.each(LOCALES)('prints normalize in %s', async (locale) => {
    const run = capture();
    expect(await main(['normalize', '--lang', locale], run.io)).toBe(0);
    const text = run.out.join('\n').replace(/^\S*\[.*$/gm, '');
    expectLanguage(locale, text, 'normalize');
  });
});
