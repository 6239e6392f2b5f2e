const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const MARKDOWN_LINK = /\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)/g;
const BARE_URL = /\bhttps?:\/\/\S+/gi;
const EMPHASIS = /\*\*|__|~~|[`*]/g;
const HTML_TAG = /<\/?[a-z][^>]*>/gi;

/** Text that NFKC leaves as it is: ASCII and precomposed Hangul syllables, most of every posting. */
const NFKC_STABLE = /^[\s!-~\uac00-\ud7a3]*$/;
const MARKUP_CHARS = /[[<*_~`]|https?:|\u200b|\u200c|\u200d|\u2060|\ufeff|\u00ad/i;

/** Removes what is presentation rather than content: markup, links' targets, invisible characters. */
export function cleanText(text: string): string {
  let out = NFKC_STABLE.test(text) ? text : text.normalize('NFKC');
  if (MARKUP_CHARS.test(out)) {
    out = out
      .replace(ZERO_WIDTH, '')
      .replace(MARKDOWN_LINK, '$1')
      .replace(BARE_URL, ' ')
      .replace(HTML_TAG, ' ')
      .replace(EMPHASIS, '');
  }
  return out.replace(/\s+/g, ' ').trim();
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
