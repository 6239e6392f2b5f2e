import type { Experience } from '../postings/schema';
import { cleanText } from './text';

const ABOUT_EXPERIENCE =
  /\d\s*년(?![제도생])|경력|경험|실무|연차|근무|재직|개발|신입|주니어|years?|yrs|experience|junior|entry|graduate/i;
const JUNIOR =
  /신입|주니어|경력\s*[:：]?\s*(?:무관|상관\s*없|관계\s*없|불문)|경력\s*(?:에|과)?\s*(?:상관|관계)\s*(?:없|無)|junior|new\s*grad|entry[-\s]level|no (?:prior )?experience (?:is )?required/i;
/** 주니어 as the people the candidate leads or teaches, not as who may apply. */
const JUNIOR_AS_OTHERS =
  /주니어\s*(?:개발자|엔지니어)?\s*(?:의|를|들을|들의)?\s*(?:멘토|육성|코칭|교육|리딩|성장|온보딩)|(?:mentor|coach|lead)\w*\s+(?:\w+\s+){0,2}juniors?/i;
const NUMBER = String.raw`(\d{1,2}(?:\.\d)?)`;
const RANGE_KO = new RegExp(
  String.raw`${NUMBER}\s*(?:년\s*(?:차\s*)?(?:이상)?)?\s*[~∼〜\-–]\s*${NUMBER}\s*년(?!제)(?:\s*차)?(?:\s*(?:이하|미만|이내))?`,
  'g',
);
const RANGE_EN = new RegExp(
  String.raw`${NUMBER}\s*(?:[~∼〜\-–]|to)\s*${NUMBER}\s*\+?\s*(?:years?|yrs)\b`,
  'gi',
);
/** "신입~3년", "신입 ~ 3년차": juniors up to N years. */
const FROM_JUNIOR = /(?:신입|주니어)\s*[~∼〜\-–]\s*(\d{1,2})\s*년/g;
/** "1년 6개월 이상": years and months together. */
const YEARS_MONTHS = /(?<![\d.])(\d{1,2})\s*년\s*(\d{1,2})\s*개월/g;
const MONTHS = /(\d{1,2})\s*개월/g;
const MONTHS_EN = /(\d{1,2})\s*\+?\s*months?\b/gi;
const YEARS_KO = new RegExp(
  String.raw`(?<![\d.])${NUMBER}\s*\+?\s*년(?!제|도|생|까지|간\s*재|\s*이내\s*졸업)(\s*(?:미만|이하|이내))?`,
  'g',
);
const YEARS_EN = new RegExp(
  String.raw`(?:(?:minimum|min\.?|at least|over|more than)\s*(?:of\s*)?)?${NUMBER}\s*\+?\s*(?:or more\s*)?(?:years?|yrs)\b`,
  'gi',
);
/** A degree or certificate credited as years ("석사 시 1년 인정"): a credit, not a requirement. */
const CREDIT =
  /(?:석사|박사|학사|학위|자격증|대학원|master'?s?|ph\.?d)[^,;)\]]{0,20}?\d{1,2}\s*(?:년|years?)\s*(?:의\s*)?(?:경력\s*)?(?:으로\s*|로\s*)?(?:인정|간주|대체|credited|counted)/gi;
/** "2년 이상 지방 근무 가능": a commitment to work somewhere, not experience. */
const COMMITMENT = /\d{1,2}\s*년\s*(?:이상\s*)?(?:\S+\s*){0,2}근무\s*(?:가능|할\s*수)/;

const ENGLISH_NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
};
const NUMBER_WORD = new RegExp(
  String.raw`\b(${Object.keys(ENGLISH_NUMBERS).join('|')})(?=\s*(?:\(\d+\)\s*)?\+?\s*(?:or more\s+)?(?:years?|yrs|months?)\b)`,
  'gi',
);
/** "at least a year", "over a year" → one year. */
const A_YEAR = /\b(at least|over|more than|minimum of)\s+(?:a|one)\s+year\b/gi;

const years = (value: string | undefined): number => Math.min(50, Number(value));

/** English number words as digits: "five years" → "5 years"; "five (5) years" keeps one number. */
function withDigits(text: string): string {
  return text
    .replace(A_YEAR, '$1 1 year')
    .replace(NUMBER_WORD, (word) => String(ENGLISH_NUMBERS[word.toLowerCase()] ?? word))
    .replace(/\b(\d{1,2})\s*\(\1\)/g, '$1');
}

interface Figure extends Experience {
  start: number;
  end: number;
}

/**
 * What an item says about work experience: 3년 이상 → 3, 6개월 → 0.5, 3~5년 → 3 to 5, 신입/경력 무관 → 0.
 * Alternatives ask for the smaller figure ("Java 8년 이상 또는 Kotlin 3년 이상" → 3). Items that are not
 * about experience (4년제 대학, 2024년 졸업, 석사 시 1년 인정) give nothing. Only 신입, 경력 무관 and their
 * kin say juniors may apply; six months of experience does not.
 */
/** Words without which an item gives no figure: most items have none, and are done with at once. */
const MAY_HAVE_FIGURE =
  /\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|a year/i;
const MAY_HAVE_CREDIT = /인정|간주|대체|credited|counted/i;

export function parseExperience(raw: string, cleaned = false): Experience | undefined {
  let text = cleaned ? raw : cleanText(raw);
  if (!ABOUT_EXPERIENCE.test(text)) return undefined;
  const junior = JUNIOR.test(text) && JUNIOR.test(text.replace(JUNIOR_AS_OTHERS, ' '));
  if (!MAY_HAVE_FIGURE.test(text)) return junior ? { minYears: 0, junior: true } : undefined;
  text = withDigits(text);
  if (MAY_HAVE_CREDIT.test(text)) text = text.replace(CREDIT, ' ');
  const figures: Figure[] = [];
  /** Spans read already as one figure (a range, years with months): their numbers are not read again. */
  const taken: { start: number; end: number }[] = [];
  const inRange = (at: number) => taken.some((f) => at >= f.start && at < f.end);
  const take = (figure: Figure) => {
    figures.push(figure);
    taken.push(figure);
  };

  for (const m of text.matchAll(FROM_JUNIOR)) {
    const max = years(m[1]);
    const span = { start: m.index, end: m.index + m[0].length };
    take(
      max > 0
        ? { minYears: 0, maxYears: max, junior: true, ...span }
        : { minYears: 0, junior: true, ...span },
    );
  }

  for (const pattern of [RANGE_KO, RANGE_EN]) {
    for (const m of text.matchAll(pattern)) {
      if (inRange(m.index)) continue;
      const [min, max] = [years(m[1]), years(m[2])];
      if (min > max) continue;
      const figure: Figure = {
        minYears: min,
        junior: junior || min === 0,
        start: m.index,
        end: m.index + m[0].length,
      };
      if (max > min) {
        figure.maxYears = max;
        take(figure);
      } else figures.push(figure);
    }
  }
  for (const m of text.matchAll(YEARS_MONTHS)) {
    if (inRange(m.index)) continue;
    const value = Math.round((years(m[1]) + Number(m[2]) / 12) * 100) / 100;
    take({ minYears: value, junior, start: m.index, end: m.index + m[0].length });
  }
  for (const pattern of [MONTHS, MONTHS_EN]) {
    for (const m of text.matchAll(pattern)) {
      if (inRange(m.index)) continue;
      const value = Math.round((Number(m[1]) / 12) * 100) / 100;
      figures.push({ minYears: value, junior, start: m.index, end: m.index + m[0].length });
    }
  }
  if (!COMMITMENT.test(text)) {
    for (const m of text.matchAll(YEARS_KO)) {
      if (inRange(m.index)) continue;
      const value = years(m[1]);
      const span = { start: m.index, end: m.index + m[0].length };
      figures.push(
        m[2]
          ? { minYears: 0, maxYears: value, junior: true, ...span }
          : { minYears: value, junior: junior || value === 0, ...span },
      );
    }
  }
  for (const m of text.matchAll(YEARS_EN)) {
    if (inRange(m.index)) continue;
    figures.push({ minYears: years(m[1]), junior, start: m.index, end: m.index + m[0].length });
  }
  if (figures.length === 0) return junior ? { minYears: 0, junior: true } : undefined;
  const smallest = figures.reduce((a, b) => (b.minYears < a.minYears ? b : a));
  return {
    minYears: smallest.minYears,
    ...(smallest.maxYears !== undefined ? { maxYears: smallest.maxYears } : {}),
    junior: smallest.junior || junior,
  };
}
