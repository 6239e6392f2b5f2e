const BULLET =
  /^(?:[-*+•ㆍ·∙▪▫▸▹►◦‣○●■□◆◇※✔✓☑✅➢➤→>]+|\d{1,2}[.)](?!\d)|\(\d{1,2}\)|[①-⑳]|[a-zA-Z][.)](?=\s))\s*/u;
const LINE_BREAK_TAG = /<br\s*\/?>/gi;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const CODE_FENCE = /^\s*(```|~~~)/;
/** Headings and labels (`# 자격요건`, `[우대사항]`, `자격 요건:`) stand alone; they never continue an item. */
const LABEL_LINE = /^(?:#{1,6}\s|\[[^\]]{1,30}\]$|【[^】]{1,30}】$)|[:：]$/;

interface Line {
  text: string;
  bullet: boolean;
  label: boolean;
}

function toLines(text: string): Line[] {
  const lines: Line[] = [];
  for (const rawLine of text
    .replace(LINE_BREAK_TAG, '\n')
    .replace(ZERO_WIDTH, '')
    .split(/\r\n|\r|\n/)) {
    if (CODE_FENCE.test(rawLine)) continue;
    const trimmed = rawLine.replace(/\t/g, '    ').trim();
    const bulletMatch = BULLET.exec(trimmed);
    const body = (bulletMatch ? trimmed.slice(bulletMatch[0].length) : trimmed).trim();
    lines.push({ text: body, bullet: bulletMatch !== null, label: !bulletMatch && LABEL_LINE.test(body) });
  }
  return lines;
}

/**
 * Splits a posting section into items. In a bulleted text a line without a bullet continues the item
 * above it (a wrapped line); in a text without bullets every line is an item.
 */
export function splitItems(text: string): string[] {
  const lines = toLines(text);
  const bulleted = lines.some((line) => line.bullet && line.text !== '');
  const items: string[] = [];
  let current: string | undefined;
  const flush = () => {
    if (current !== undefined && current.trim() !== '') items.push(current.trim());
    current = undefined;
  };
  for (const line of lines) {
    if (line.text === '') {
      flush();
      continue;
    }
    if (!bulleted || line.bullet || line.label || current === undefined) {
      flush();
      current = line.text;
    } else {
      current += ` ${line.text}`;
    }
  }
  flush();
  return items;
}
