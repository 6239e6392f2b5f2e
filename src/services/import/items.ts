/**
 * The text of requirement and preferred items: several items written on one line, nested items folded
 * into their parent, and the `(우대)` marks of a section that holds both kinds.
 */
import type { LabelKind } from '../labels';
import { squash } from './lines';

/**
 * Items written on the label's own line (`자격요건: Python, Django 경험`): split at commas when every part is
 * short and nothing binds the parts together (`Java, Kotlin 등`, `Python, Go 중 하나`); commas inside
 * brackets never split.
 */
export function inlineItems(text: string): string[] {
  const whole = squash(text);
  if (
    !/[,，、;；]/.test(whole) ||
    /\s등|등의|등을|중\s*(?:하나|한|1)|또는|이나\s|거나|\bor\b|such as|e\.g\./i.test(whole)
  )
    return whole ? [whole] : [];
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of whole) {
    if ('([{（【'.includes(ch)) depth++;
    else if (')]}）】'.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && ',，、;；'.includes(ch)) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  const items = parts.map(squash).filter(Boolean);
  if (items.length < 2 || items.length > 12 || items.some((item) => [...item].length > 20)) return [whole];
  return items;
}

/** `언어` with `Java, Kotlin` nested under it: `언어: Java, Kotlin`. */
export function mergeKids(own: string, kids: readonly string[]): string {
  if (kids.length === 0) return own;
  if (!own) return kids.join(', ');
  return /[:：]$/.test(own) ? `${own} ${kids.join(', ')}` : `${own}: ${kids.join(', ')}`;
}

const PREFERRED_MARK = /^\s*(?:[(（[【<〈]\s*우대\s*[)）\]】>〉]|우대\s*[:：)]|우대사항\s*[:：])\s*/;
const REQUIRED_MARK = /^\s*(?:[(（[【<〈]\s*필수\s*[)）\]】>〉]|필수\s*[:：)])\s*/;
const PREFERRED_TAIL =
  /\s*(?:[(（[【<〈]\s*우대\s*[)）\]】>〉]|(?<=\S)\s*우대(?:함|합니다|해요|됩니다)?\.?)\s*$/;
const REQUIRED_TAIL = /\s*(?:[(（[【<〈]\s*필수\s*[)）\]】>〉]|(?<=\S)\s+필수\.?)\s*$/;

/**
 * The section an item of a combined `자격요건 및 우대사항` section (or of an unlabeled list) goes to:
 * `(우대) Kafka`, `<우대> AWS`, `우대: Go`, `Docker 경험 우대`, `Git (우대)` are preferred, the rest required.
 * The `(우대)` / `(필수)` marks in brackets are removed; words such as `우대` in a sentence stay.
 */
export function markedKind(text: string): { kind: LabelKind; text: string } {
  const pre = PREFERRED_MARK.exec(text);
  if (pre) return { kind: 'preferred', text: text.slice(pre[0].length).trim() };
  const req = REQUIRED_MARK.exec(text);
  if (req) return { kind: 'required', text: text.slice(req[0].length).trim() };
  const tail = PREFERRED_TAIL.exec(text);
  if (tail) {
    const bracketed = /[)）\]】>〉]\s*$/.test(tail[0]);
    return { kind: 'preferred', text: bracketed ? text.slice(0, tail.index).trim() : text };
  }
  const need = REQUIRED_TAIL.exec(text);
  if (need && /[)）\]】>〉]\s*$/.test(need[0]))
    return { kind: 'required', text: text.slice(0, need.index).trim() };
  return { kind: 'required', text };
}
