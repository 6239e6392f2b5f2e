/** Text as SVG character data: markup characters escaped, control characters dropped. */
export function esc(text: string): string {
  let kept = '';
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    // XML 1.0 allows tab, newline and carriage return among the control characters, nothing else.
    if ((code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') || code === 0x7f) continue;
    kept += c;
  }
  return kept.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Roughly how wide a text is drawn, in ems of the chart font (Hangul is square, Latin about half). */
export function textWidth(text: string, size: number): number {
  let ems = 0;
  for (const c of text) {
    if (/[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7a3\uff00-\uffef]/.test(c)) ems += 0.92;
    else if (c === ' ') ems += 0.26;
    else if (/[A-Z]/.test(c)) ems += 0.64;
    else if (/[0-9]/.test(c)) ems += 0.56;
    else if (/[a-z]/.test(c))
      ems += c === 'm' || c === 'w' ? 0.8 : c === 'i' || c === 'l' || c === 'j' ? 0.24 : 0.52;
    else ems += 0.4;
  }
  return ems * size;
}

/** Cuts a text to fit a width, ending with an ellipsis. */
export function clip(text: string, size: number, width: number): string {
  if (textWidth(text, size) <= width) return text;
  let out = text;
  while (out.length > 1 && textWidth(`${out}…`, size) > width) out = out.slice(0, -1);
  return `${out.trimEnd()}…`;
}

/** Splits a label in two lines at the space or separator nearest its middle when it is wider than `width`. */
export function wrap(text: string, size: number, width: number): string[] {
  if (textWidth(text, size) <= width) return [text];
  const breaks: number[] = [];
  for (let i = 1; i < text.length - 1; i++) {
    const c = text[i];
    if (c === ' ') breaks.push(i);
    else if (c === '·' || c === '/' || c === '&') breaks.push(i + 1);
  }
  if (breaks.length === 0) return [clip(text, size, width)];
  const middle = text.length / 2;
  const at = breaks.reduce((best, b) => (Math.abs(b - middle) < Math.abs(best - middle) ? b : best));
  return [text.slice(0, at).trim(), text.slice(at).trim()].map((line) => clip(line, size, width));
}

export const PALETTE = {
  ink: '#1f2328',
  muted: '#6b7280',
  grid: '#e5e7eb',
  gridStrong: '#cbd0d6',
  background: '#ffffff',
  required: '#4f5bd5',
  preferred: '#f08c00',
  member: '#12a150',
  series: ['#4f5bd5', '#e8467c', '#f08c00', '#12a150', '#0891b2', '#8e44ad', '#6b7280'],
} as const;

export const pct = (share: number) => `${Math.round(share * 100)}%`;
