import type { Experience } from '../postings/schema';
import { cleanText } from './text';

const ABOUT_EXPERIENCE =
  /\d\s*년(?![제도생])|경력|경험|실무|연차|근무|재직|개발|신입|주니어|years?|yrs|experience|junior|entry|graduate/i;
const JUNIOR =
  /신입|주니어|경력\s*[:：]?\s*(?:무관|상관\s*없|관계\s*없|불문)|경력\s*(?:에|과)?\s*(?:상관|관계)\s*(?:없|無)|junior|new\s*grad|entry[-\s]level|no (?:prior )?experience (?:is )?required/i;
const YEAR_NUMBER = String.raw`(\d{1,2}(?:\.\d)?)`;
const RANGE_KO = new RegExp(String.raw`${YEAR_NUMBER}\s*(?:년)?\s*[~∼〜\-–]\s*${YEAR_NUMBER}\s*년(?!제)`);
const RANGE_EN = new RegExp(
  String.raw`${YEAR_NUMBER}\s*[~∼〜\-–]\s*${YEAR_NUMBER}\s*\+?\s*(?:years?|yrs)\b`,
  'i',
);
const MONTHS = /(\d{1,2})\s*개월/;
const MONTHS_EN = /(\d{1,2})\s*\+?\s*months?\b/i;
const YEARS_KO = new RegExp(
  String.raw`(?<![\d.])${YEAR_NUMBER}\s*\+?\s*년(?!제|도|생|까지|\s*이내\s*졸업)(\s*(?:미만|이하|이내))?`,
);
const YEARS_EN = new RegExp(
  String.raw`(?:(?:minimum|min\.?|at least|over|more than)\s*(?:of\s*)?)?${YEAR_NUMBER}\s*\+?\s*(?:or more\s*)?(?:years?|yrs)\b`,
  'i',
);

const years = (value: string | undefined): number => Math.min(50, Number(value));

/**
 * What an item says about work experience: 3년 이상 → 3, 6개월 → 0.5, 3~5년 → 3 to 5, 신입/경력 무관 → 0.
 * Items that are not about experience (4년제 대학, 2024년 졸업) give nothing.
 */
export function parseExperience(raw: string): Experience | undefined {
  const text = cleanText(raw);
  if (!ABOUT_EXPERIENCE.test(text)) return undefined;
  const junior = JUNIOR.test(text);

  const range = RANGE_KO.exec(text) ?? RANGE_EN.exec(text);
  if (range) {
    const [min, max] = [years(range[1]), years(range[2])];
    if (min <= max) return { minYears: min, maxYears: max, junior: junior || min < 1 };
  }
  const months = MONTHS.exec(text) ?? MONTHS_EN.exec(text);
  const yearsKo = YEARS_KO.exec(text);
  const yearsEn = YEARS_EN.exec(text);
  const candidates: Experience[] = [];
  if (months) {
    const value = Math.round((Number(months[1]) / 12) * 100) / 100;
    candidates.push({ minYears: value, junior: true });
  }
  if (yearsKo) {
    const value = years(yearsKo[1]);
    candidates.push(
      yearsKo[2]
        ? { minYears: 0, maxYears: value, junior: true }
        : { minYears: value, junior: junior || value < 1 },
    );
  }
  if (yearsEn) candidates.push({ minYears: years(yearsEn[1]), junior });
  if (candidates.length > 0) {
    // "6개월 이상 또는 1년" asks for the smaller of the two: either satisfies it.
    return candidates.reduce((a, b) => (b.minYears < a.minYears ? b : a));
  }
  return junior ? { minYears: 0, junior: true } : undefined;
}
