/**
 * Section labels of a job posting: which lines open the requirements (자격요건 and its variants), the
 * preferred qualifications (우대사항 …), or a part that is neither (주요업무, 기술 스택, 복지 …).
 */

export type LabelKind = 'required' | 'preferred' | 'other';

export interface Label {
  kind: LabelKind;
  /** Text after the label on the same line (`자격요건: Python 3년 이상`). */
  rest?: string;
  /** `공통 자격요건`: the label of a summary of several postings. */
  common?: boolean;
  /** Words before the label that are not part of it (`Back - End 자격요건` → `Back - End`). */
  prefix?: string;
}

const REQUIRED = [
  '자격요건',
  '자격조건',
  '자격사항',
  '지원자격',
  '지원요건',
  '지원조건',
  '요구사항',
  '요구조건',
  '요구역량',
  '필수요건',
  '필수사항',
  '필수조건',
  '필수역량',
  '필요역량',
  '기본자격',
  '기본요건',
  '자격',
  'requirement',
  'requirements',
  'required',
  'requiredskills',
  'requiredskill',
  'requiredqualification',
  'requiredqualifications',
  'basicqualification',
  'basicqualifications',
  'minimumqualification',
  'minimumqualifications',
  'qualification',
  'qualifications',
  'musthave',
  'musthaves',
  'whatyouneed',
  'whoweneed',
  '이런분을찾아요',
  '이런분을찾습니다',
  '이런분과함께하고싶어요',
];

const PREFERRED = [
  '우대사항',
  '우대조건',
  '우대요건',
  '우대역량',
  '우대',
  '부가요건',
  '가산점',
  'preferred',
  'preferredqualification',
  'preferredqualifications',
  'preferredskills',
  'preferredskill',
  'preferredexperience',
  'nicetohave',
  'nicetohaves',
  'plus',
  'pluses',
  'bonus',
  'bonuspoints',
  '이런분이면더좋아요',
  '이런분이면더좋습니다',
];

const OTHER = [
  '주요업무',
  '담당업무',
  '업무내용',
  '주요업무내용',
  '하는일',
  '합류하면하게될업무',
  '기술스택',
  '사용기술',
  '사용스택',
  '기술',
  '스킬',
  '스택',
  '개발환경',
  'skills',
  'techstack',
  'stack',
  '복지',
  '복리후생',
  '혜택',
  '혜택및복지',
  '복지및혜택',
  '회사소개',
  '팀소개',
  '직무소개',
  '포지션소개',
  '포지션상세',
  '채용절차',
  '전형절차',
  '채용프로세스',
  '근무조건',
  '근무지',
  '근무지역',
  '근무환경',
  '근무형태',
  '고용형태',
  '마감일',
  '연봉',
  '급여',
  '투자',
  '투자정보',
  '투자유치',
  '핵심역량',
  '인재상',
  '채용하고싶은사람',
  '기타',
  '참고사항',
  '유의사항',
  '지원방법',
  '제출서류',
  'whatyoulldo',
  'whatyouwilldo',
  'responsibilities',
  'responsibility',
  'aboutus',
  'abouttheteam',
  'benefits',
  'perks',
  'process',
  'hiringprocess',
];

const KINDS: readonly [LabelKind, readonly string[]][] = [
  ['required', REQUIRED],
  ['preferred', PREFERRED],
  ['other', OTHER],
];
const EXACT = new Map<string, LabelKind>();
for (const [kind, words] of KINDS) for (const word of words) EXACT.set(word, kind);

/** Levenshtein distance, giving up (returning max + 1) as soon as it must exceed max. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      const value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[y.length] ?? 0;
}

const isHangulWord = (word: string) => /[\uac00-\ud7a3]/.test(word);

/** How many edits a written label may be away from a known one: a typo in a long enough word. */
function tolerance(word: string): number {
  const length = [...word].length;
  if (isHangulWord(word)) return length >= 4 ? 1 : 0;
  if (length >= 12) return 2;
  return length >= 7 ? 1 : 0;
}

function fuzzyKind(compact: string): LabelKind | undefined {
  const exact = EXACT.get(compact);
  if (exact) return exact;
  const max = tolerance(compact);
  if (max === 0) return undefined;
  let found: LabelKind | undefined;
  let bestDistance = max + 1;
  for (const [word, kind] of EXACT) {
    if (tolerance(word) === 0) continue;
    const distance = editDistance(compact, word, max);
    if (distance < bestDistance) {
      bestDistance = distance;
      found = kind;
    }
  }
  return found;
}

const EMOJI = /[\p{Extended_Pictographic}\u{1f1e6}-\u{1f1ff}\ufe0f\u20e3]/gu;
const LEADING_BULLET =
  /^\s*(?:[-*+•ㆍ·∙▪▫▸▹►◦‣○●■□◆◇※✔✓☑✅➢➤→▶]+|\d{1,2}(?:\.\d{1,2})*[.)]|\(\d{1,2}\)|[①-⑳]|[a-zA-Z][.)](?=\s))\s*/u;

/** The label's own words, lowercased and without spaces, markup, brackets, numbering and a final colon. */
export function compactLabel(text: string): string {
  return text
    .replace(EMOJI, '')
    .replace(LEADING_BULLET, '')
    .replace(/[*_`~#>]/g, '')
    .replace(/[[\]()【】「」<>{}〈〉《》]/g, ' ')
    .replace(/[’'".!?]/g, '')
    .replace(/\s*[:：\-–—]+\s*$/, '')
    .toLowerCase()
    .replace(/[\s/&,·+\-–]+/g, '');
}

const MAX_LABEL_CHARS = 40;
const COMMON_PREFIX = /^(?:공통(?:된|적인|으로)?|common)/;
const DECORATION_SUFFIX = /(?:필수|공통|요약)$/;

function classifyWords(text: string): Omit<Label, 'rest'> | undefined {
  if (text.length > MAX_LABEL_CHARS) return undefined;
  const compact = compactLabel(text);
  if (!compact) return undefined;
  const kind = fuzzyKind(compact);
  if (kind) return { kind };
  const common = COMMON_PREFIX.exec(compact);
  if (common) {
    const rest = compact.slice(common[0].length);
    const inner = rest ? fuzzyKind(rest) : undefined;
    if (inner && inner !== 'other') return { kind: inner, common: true };
  }
  const trimmed = compact.replace(DECORATION_SUFFIX, '');
  if (trimmed !== compact && trimmed) {
    const inner = fuzzyKind(trimmed);
    if (inner) return { kind: inner };
  }
  return undefined;
}

/**
 * The label a line is, if it is one: `자격요건`, `**자격 조건**`, `[자격요건]`, `Basic Qualification`,
 * `자격 조견` (a typo), `우대사항:`, `자격요건: Python 3년 이상` (label with the first item after it).
 */
export function classifyLabel(line: string): Label | undefined {
  const text = line.trim();
  if (!text) return undefined;
  const whole = classifyWords(text);
  if (whole) return whole;
  const colon = /^([^:：]{1,30})[:：]\s*(.*)$/.exec(text);
  if (colon?.[1] && colon[2] !== undefined) {
    const head = classifyWords(colon[1]);
    if (head) return colon[2].trim() ? { ...head, rest: colon[2].trim() } : head;
  }
  return undefined;
}

/**
 * A heading that is a label with words before it: `Back - End 자격요건`, `Backend Developer Requirements`.
 * Returns the label and the words before it.
 */
export function decoratedLabel(text: string): Label | undefined {
  if (text.length > 60) return undefined;
  const words = text.trim().split(/\s+/);
  for (let cut = 1; cut < words.length; cut++) {
    const tail = words.slice(cut).join(' ');
    const label = classifyWords(tail);
    if (label && label.kind !== 'other') return { ...label, prefix: words.slice(0, cut).join(' ') };
  }
  return undefined;
}

const SUMMARY_WORDS =
  /(?:^|[^a-z])(?:review|summary|conclusion|common requirements?|takeaways?)(?:$|[^a-z])|공통|정리|총평|요약|결론|느낀\s*점|분석\s*결과|마무리/i;

/** A heading that introduces the author's own summary of the postings (`Review`, `공통사항`, `정리`, `총평`). */
export function isSummaryHeading(text: string): boolean {
  return SUMMARY_WORDS.test(text);
}

const OTHER_GROUP = /기술|스택|stack|tech|사용\s*(?:하는|중인|하고)|툴|tool|환경|업무|소개|복지|혜택/i;

/**
 * A bracketed group heading inside a section (`[Back-end 기술 스택]`, `[저희는 이런 기술을 사용하고 있어요]`)
 * whose items describe the company rather than ask something of the applicant.
 */
export function isOtherGroup(text: string): boolean {
  const label = classifyLabel(text);
  if (label) return label.kind === 'other';
  return OTHER_GROUP.test(text);
}

/** `[이런 분과 함께하고 싶어요]`: a line that is only a bracketed phrase. */
export function isBracketOnly(text: string): boolean {
  return /^\s*[[【][^\]】]{1,60}[\]】]\s*:?\s*$/.test(text);
}
