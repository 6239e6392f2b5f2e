/**
 * `회사: 새봄물산`, `포지션: 백엔드 개발자`, `링크: https://…`: key-value lines that describe one posting, as in
 * a note where each company is a card of such lines between `---` rules.
 */

export type EntryKey = 'company' | 'title' | 'url';

const KEYS: readonly [EntryKey, RegExp][] = [
  [
    'company',
    /^(?:회사|회사\s*명|회사\s*이름|기업|기업\s*명|업체|업체\s*명|company|company\s*name|employer)$/i,
  ],
  [
    'title',
    /^(?:포지션|포지션\s*명|공고|공고\s*명|공고\s*제목|채용\s*포지션|모집\s*포지션|직무\s*명|position|title|job\s*title|role\s*title)$/i,
  ],
  [
    'url',
    /^(?:링크|공고\s*링크|채용\s*링크|지원\s*링크|원문|원문\s*링크|공고\s*주소|공고\s*url|url|link|job\s*link|posting|출처)$/i,
  ],
];

export interface KeyLine {
  key: EntryKey;
  value: string;
}

/** The key a `key: value` line names, when it is one of an entry's own keys (company, position, link). */
export function entryKey(text: string): KeyLine | undefined {
  const match = /^\s*([^:：]{1,20}?)\s*[:：]\s*(.*)$/.exec(text);
  if (!match?.[1] || match[2] === undefined) return undefined;
  const name = match[1].replace(/[*_`[\]]/g, '').trim();
  for (const [key, pattern] of KEYS) if (pattern.test(name)) return { key, value: match[2].trim() };
  return undefined;
}

/**
 * `Number. 직무 명`, `N. 회사명 (포지션)`: a template's placeholder heading, made only of the names of an entry's
 * keys, that the author never filled in.
 */
export function isPlaceholder(text: string): boolean {
  const words = text
    .replace(/[*_`[\]()（）|｜/:：.,\-–—]+/g, ' ')
    .replace(/^\s*(?:number|num|no|n|#)(?=\s)/i, ' ')
    .trim();
  if (!words) return false;
  const names = words.split(/\s+/);
  return entryKeyName(words) !== undefined || names.every((name) => entryKeyName(name) !== undefined);
}

const entryKeyName = (name: string) => KEYS.find(([, pattern]) => pattern.test(name.trim()))?.[0];

/**
 * `회사: 바람소프트 / 직무: iOS 개발자 / 링크: https://…`: several of an entry's keys on one line, each part a
 * key-value of its own. Undefined unless every part is one and one of them names the company.
 */
export function entryKeys(text: string): KeyLine[] | undefined {
  const parts = text.split(/\s+[/|｜·]\s+|\s*[,，]\s+(?=[^:：]{1,20}[:：])/);
  if (parts.length < 2) return undefined;
  const keys: KeyLine[] = [];
  for (const part of parts) {
    const key = entryKey(part) ?? titleKey(part);
    if (!key) return undefined;
    keys.push(key);
  }
  return keys.some((k) => k.key === 'company' && k.value) ? keys : undefined;
}

/** Beside a company key, `직무:` names the position (alone it is a line of role words). */
function titleKey(text: string): KeyLine | undefined {
  const match = /^\s*(?:직무|모집\s*직무|지원\s*직무|채용\s*직무|직군)\s*[:：]\s*(.+)$/.exec(text);
  return match?.[1] ? { key: 'title', value: match[1].trim() } : undefined;
}
