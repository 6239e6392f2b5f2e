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
  '필수',
  '필수자격',
  '필수요구사항',
  '지원자격요건',
  '응시자격',
  '모집요건',
  '이런분을원해요',
  '이런분을원합니다',
  '이런분이필요해요',
  '이런분을모십니다',
  '이런분을기다려요',
  '이런분과함께하고싶습니다',
  '이런동료를찾아요',
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
  'whatyoullneed',
  'whatyouwillneed',
  'whatyoubring',
  'whatyoullbring',
  'whatwerelookingfor',
  'whatwelookfor',
  'whoyouare',
  'aboutyou',
  'youhave',
  'yourprofile',
  'yourqualifications',
  'keyqualifications',
  'minimumrequirements',
  'basicrequirements',
  'jobrequirements',
  'requiredexperience',
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
  '가산요소',
  '선호',
  '선호사항',
  '선호조건',
  '우대자격',
  '우대경험',
  '이런분이라면더좋아요',
  '이런경험이있다면더좋아요',
  '이런경험이있으면더좋아요',
  '이런분이면더욱좋아요',
  '있으면좋은경험',
  '있으면좋아요',
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
  'itsaplus',
  'goodtohave',
  'extracredit',
  'desired',
  'desiredskills',
  'desiredqualifications',
  'desiredexperience',
  'preferredrequirements',
  'additionalqualifications',
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
  '기술스택툴',
  '기술스택및툴',
  '사용툴',
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
  '상세정보',
  '상세내용',
  '채용상세',
  '업무소개',
  '회사정보',
  '기업정보',
  '기업소개',
  '서비스소개',
  '조직소개',
  '조직문화',
  '주요역할',
  '채용절차',
  '전형절차',
  '채용전형',
  '채용과정',
  '전형과정',
  '합류여정',
  '합류과정',
  '채용절차및기타지원유의사항',
  '기타안내',
  '기타사항',
  '채용프로세스',
  '근무조건',
  '근무지',
  '근무지역',
  '근무환경',
  '근무형태',
  '근무시간',
  '근무위치',
  '회사위치',
  '고용형태',
  '마감일',
  '접수기간',
  '모집기간',
  '모집인원',
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
  'whatyoudo',
  'yourrole',
  'responsibilities',
  'responsibility',
  'keyresponsibilities',
  'duties',
  'aboutus',
  'abouttheteam',
  'abouttherole',
  'abouttheposition',
  'aboutthejob',
  'aboutthecompany',
  'whoweare',
  'whatwedo',
  'overview',
  'jobdescription',
  'description',
  'theteam',
  'therole',
  'location',
  'compensation',
  'salary',
  'benefits',
  'perks',
  'perksandbenefits',
  'benefitsandperks',
  'whatweoffer',
  'weoffer',
  'whyjoinus',
  'culture',
  'tools',
  'process',
  'hiringprocess',
  'interviewprocess',
  'applicationprocess',
  'recruitmentprocess',
  'howtoapply',
  'deadline',
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
  return distance([...a], [...b], max);
}

function distance(x: readonly string[], y: readonly string[], max: number): number {
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

interface FuzzyWord {
  chars: string[];
  set: Set<string>;
  kind: LabelKind;
}

/** The known labels a typo may stand for, by length in characters. */
const BY_LENGTH = new Map<number, FuzzyWord[]>();
for (const [word, kind] of EXACT) {
  if (tolerance(word) === 0) continue;
  const chars = [...word];
  const bucket = BY_LENGTH.get(chars.length) ?? [];
  bucket.push({ chars, set: new Set(chars), kind });
  BY_LENGTH.set(chars.length, bucket);
}

const FUZZY_CACHE = new Map<string, LabelKind | null>();
const MAX_CACHE = 4096;

function fuzzyKind(compact: string): LabelKind | undefined {
  const exact = EXACT.get(compact);
  if (exact) return exact;
  const max = tolerance(compact);
  if (max === 0) return undefined;
  const cached = FUZZY_CACHE.get(compact);
  if (cached !== undefined) return cached ?? undefined;
  const chars = [...compact];
  let found: LabelKind | undefined;
  let bestDistance = max + 1;
  for (let length = chars.length - max; length <= chars.length + max; length++) {
    for (const word of BY_LENGTH.get(length) ?? []) {
      // Each character the word lacks costs an edit: most words are out of reach before any table is built.
      let missing = 0;
      for (const ch of chars) if (!word.set.has(ch) && ++missing > max) break;
      if (missing > max) continue;
      const d = distance(chars, word.chars, Math.min(max, bestDistance - 1));
      if (d < bestDistance) {
        bestDistance = d;
        found = word.kind;
      }
    }
  }
  if (FUZZY_CACHE.size >= MAX_CACHE) FUZZY_CACHE.clear();
  FUZZY_CACHE.set(compact, found ?? null);
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
    .replace(/[\s/&,·・･+\-–]+/g, '');
}

/**
 * Wanted's sentence labels, in their many wordings: `이런 분을 찾아요`, `이런 분이면 더 좋아요`, `이런 일을 해요`,
 * `이런 혜택이 있어요` (compacted). Only short lines that open with 이런 and end like a sentence, so an item such
 * as `함께 성장할 분` stays an item.
 */
function phraseKind(compact: string): LabelKind | undefined {
  if ([...compact].length > 22 || !/^(?:이런|이러한|합류하시?면)/.test(compact)) return undefined;
  const sentence = /(?:요|다)$/.test(compact);
  if (sentence && /(?:더|더욱|훨씬)(?:좋|환영|반가)|우대|가산|플러스|있다면|있으면|이라면|라면/.test(compact))
    return 'preferred';
  if (sentence && /일을|업무|혜택|복지|환경|문화|방식|제도|과정|절차|여정|기술|스택/.test(compact))
    return 'other';
  if (
    /(?:요|다|분)$/.test(compact) &&
    /분|동료|역량|경험/.test(compact) &&
    /찾|원해|원합|필요|모십|모셔|기다|함께|일하고|만나/.test(compact)
  )
    return 'required';
  return undefined;
}

/** English labels that run on (`Bonus points if you have:`, `It's a plus if you have`). */
const ENGLISH_TAIL = /(?:ifyou(?:have|are|bring|know)?|if|ifyouvegot|for)$/;

const MAX_LABEL_CHARS = 40;
const COMMON_PREFIX = /^(?:공통(?:된|적인|으로)?|common)/;
const DECORATION_SUFFIX = /(?:필수|공통|요약)$/;

function classifyWords(text: string): Omit<Label, 'rest'> | undefined {
  if (text.length > MAX_LABEL_CHARS) return undefined;
  const compact = compactLabel(text);
  if (!compact) return undefined;
  const kind = fuzzyKind(compact) ?? phraseKind(compact);
  if (kind) return { kind };
  if (/^[a-z]+$/.test(compact) && ENGLISH_TAIL.test(compact)) {
    const head = compact.replace(ENGLISH_TAIL, '');
    const inner = head.length >= 4 ? fuzzyKind(head) : undefined;
    if (inner) return { kind: inner };
  }
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
  // `자격요건 (필수)`, `우대사항 [선택]`, `Requirements (must)`: a note in brackets after the label.
  const noted = /^(.{2,30}?)\s*[(（[【][^)）\]】]{1,15}[)）\]】]\s*[:：]?\s*$/.exec(text);
  if (noted?.[1]) {
    const inner = fuzzyKind(compactLabel(noted[1]));
    if (inner && inner !== 'other') return { kind: inner };
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
  // `필수 요건 - Kotlin 개발 경험`, `우대 | AWS`: a label, a dash or bar, then the first item.
  const dash = /^(.{1,30}?)\s+[-–—|]\s+(.+)$/.exec(text);
  if (dash?.[1] && dash[2]) {
    const head = classifyWords(dash[1]);
    if (head && head.kind !== 'other') return { ...head, rest: dash[2].trim() };
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
  /(?:^|[^a-z])(?:review|summary|conclusions?|common requirements?|takeaways?|retrospective|wrap[- ]?up|lessons? learned|final thoughts|my thoughts)(?:$|[^a-z])|공통|정리|총평|요약|결론|느낀\s*점|배운\s*점|분석\s*결과|마무리|마치며|소감|회고|시사점/i;

/** A heading that introduces the author's own summary of the postings (`Review`, `공통사항`, `정리`, `총평`). */
export function isSummaryHeading(text: string): boolean {
  return SUMMARY_WORDS.test(text);
}

const REFERENCE =
  /^(?:참고|참조|출처|레퍼런스|references?|sources?|see also|참고\s*(?:자료|문헌|링크|사이트|한\s*(?:글|자료|사이트|링크))|(?:자료|정보)\s*출처)$/i;

/** `## 참고`, `## 출처`, `## References`: a list of links the author read, neither postings nor summary. */
export function isReferenceHeading(text: string): boolean {
  const cleaned = text
    .replace(EMOJI, '')
    .replace(LEADING_BULLET, '')
    .replace(/[*_`#[\]()]/g, '')
    .replace(/\s*[:：]\s*$/, '')
    .trim();
  return cleaned.length <= 20 && REFERENCE.test(cleaned);
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
