const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const BARE_URL = /\bhttps?:\/\/\S+/gi;
const EMPHASIS = /\*\*|__|~~|[`*]/g;

/** Text that NFKC leaves as it is: ASCII and precomposed Hangul syllables, most of every posting. */
const NFKC_STABLE = /^[\s!-~\uac00-\ud7a3]*$/;
const MARKUP_CHARS = /[[<*_~`]|https?:|\u200b|\u200c|\u200d|\u2060|\ufeff|\u00ad/i;

/** Removes what is presentation rather than content: markup, links' targets, invisible characters. */
export function cleanText(text: string): string {
  let out = NFKC_STABLE.test(text) ? text : text.normalize('NFKC');
  if (MARKUP_CHARS.test(out)) {
    out = out.replace(ZERO_WIDTH, '');
    out = withoutHtmlTags(withoutMarkdownLinks(out).replace(BARE_URL, ' ')).replace(EMPHASIS, '');
  }
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * `[label](target)` → `label`, as /\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)/g would, in one pass. The
 * regex retries from every `[` and rescans to the same `]` each time (quadratic on a flood of `[`); here
 * every `[` before a `]` shares that `]`, so a span that fails is skipped whole.
 */
export function withoutMarkdownLinks(text: string): string {
  let out = '';
  let from = 0;
  let at = text.indexOf('[');
  while (at >= 0) {
    const close = text.indexOf(']', at + 1);
    if (close < 0) break;
    const end = text[close + 1] === '(' ? linkTargetEnd(text, close + 2) : -1;
    if (end >= 0) {
      out += text.slice(from, at) + text.slice(at + 1, close);
      from = end;
    }
    at = text.indexOf('[', end >= 0 ? end : close + 1);
  }
  return out + text.slice(from);
}

/** Where a link target that starts at `i` (after its `(`) ends, past its `)`; -1 if it is not one. */
function linkTargetEnd(text: string, i: number): number {
  const plain = (c: string | undefined) => c !== undefined && c !== '(' && c !== ')' && !/\s/.test(c);
  while (i < text.length) {
    const c = text[i];
    if (c === ')') return i + 1;
    if (c === '(') {
      i++;
      while (plain(text[i])) i++;
      if (text[i] !== ')') return -1;
      i++;
    } else if (plain(c)) i++;
    else return -1;
  }
  return -1;
}

/**
 * Each HTML tag → a space, as /<\/?[a-z][^>]*>/gi would, in one pass: once no `>` follows, no later `<`
 * can start a tag, where the regex would rescan to the end from every `<`.
 */
export function withoutHtmlTags(text: string): string {
  let out = '';
  let from = 0;
  let at = text.indexOf('<');
  while (at >= 0) {
    const name = text[at + 1] === '/' ? at + 2 : at + 1;
    if (/[a-z]/i.test(text[name] ?? '')) {
      const close = text.indexOf('>', name + 1);
      if (close < 0) break;
      out += `${text.slice(from, at)} `;
      from = close + 1;
      at = text.indexOf('<', from);
    } else at = text.indexOf('<', at + 1);
  }
  return out + text.slice(from);
}

/** Lowercases one character at a time so positions in the result match positions in the input. */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** The form aliases and text are compared in. */
export function matchForm(text: string): string {
  return lowerSameLength(cleanText(text));
}

export function isHangul(code: number): boolean {
  return (code >= 0xac00 && code <= 0xd7a3) || (code >= 0x3131 && code <= 0x318e);
}

/** Letters and digits that glue into one Latin word; Hangul does not count, so particles may follow. */
export function isWordCode(code: number | undefined): boolean {
  if (code === undefined || Number.isNaN(code)) return false;
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x5f ||
    (code >= 0xc0 && code <= 0x24f)
  );
}
