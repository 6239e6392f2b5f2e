import { fencedLines } from './fences';

/**
 * Folded sections (`<details><summary>카카오</summary> … </details>`): GitHub shows the summary as the title
 * of what the block holds. Before parsing, each summary becomes a heading line and the details tags become
 * empty lines, so what the block holds is read as markdown; the marks say where each block began and ended.
 * Line count is kept, so line numbers still match the file.
 */

export interface DetailsMarks {
  /** 1-based line of each summary turned heading → how deep its block is nested (1 = outermost). */
  summaries: Map<number, number>;
  /** 1-based lines where a block that had a summary closes, in order. */
  closes: number[];
}

export const noDetails = (): DetailsMarks => ({ summaries: new Map(), closes: [] });

const TAG = /<(\/?)(details|summary)\b[^>]*>/gi;
const MAX_SUMMARY_LINES = 5;
const SUMMARY_END = /<\/summary\s*>/i;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ', '#39': "'" };

/** The inline HTML of a summary as markdown: bold stays bold, a link stays a link, other tags go. */
function summaryMarkdown(html: string): string {
  return html
    .replace(/<\/?(?:b|strong)\b[^>]*>/gi, '**')
    .replace(/<\/?(?:i|em)\b[^>]*>/gi, '*')
    .replace(/<\/?code\b[^>]*>/gi, '`')
    .replace(
      /<a\b[^>]*?href\s*=\s*["']([^"']*)["'][^>]*>([^<]*)<\/a\s*>/gi,
      (_, url: string, text: string) => (url ? `[${text}](${url})` : text),
    )
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|nbsp|#39);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/^[\s#>]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function rewriteDetails(text: string): { text: string; marks: DetailsMarks } {
  const marks = noDetails();
  if (!/<(?:details|summary)\b/i.test(text)) return { text, marks };
  const lines = text.split('\n');
  /** Open blocks, innermost last: whether each has its summary yet. */
  const open: boolean[] = [];
  const fenced = fencedLines(lines);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (fenced[i]) continue;
    if (!/<\/?(?:details|summary)\b/i.test(line)) continue;
    const at = i;
    let heading: string | undefined;
    let rest = '';
    let from = 0;
    TAG.lastIndex = 0;
    for (let m = TAG.exec(line); m; m = TAG.exec(line)) {
      rest += line.slice(from, m.index);
      from = m.index + m[0].length;
      const closing = m[1] === '/';
      if ((m[2] ?? '').toLowerCase() === 'details') {
        if (!closing) open.push(false);
        else if (open.pop()) marks.closes.push(at + 1);
        continue;
      }
      if (closing) continue;
      // A summary: its text runs to </summary>, on this line or one of the next few.
      let body = line.slice(from);
      let close = SUMMARY_END.exec(body);
      let last = at;
      while (!close && last + 1 < lines.length && last - at < MAX_SUMMARY_LINES) {
        last++;
        body += ` ${lines[last] ?? ''}`;
        close = SUMMARY_END.exec(body);
      }
      const summary = close ? summaryMarkdown(body.slice(0, close.index)) : '';
      if (summary && open.length > 0 && open[open.length - 1] === false) {
        open[open.length - 1] = true;
        marks.summaries.set(at + 1, open.length);
        heading = summary;
      } else if (summary) {
        rest += ` ${summary}`;
      }
      if (!close || last > at) {
        // The rest of a summary written over several lines is not read.
        for (let j = at + 1; j <= last; j++) lines[j] = '';
        i = last;
        from = line.length;
        break;
      }
      from += close.index + close[0].length;
      TAG.lastIndex = from;
    }
    rest += line.slice(from);
    lines[at] = heading !== undefined ? `###### ${heading}` : rest.trim() ? rest : '';
  }
  return { text: lines.join('\n'), marks };
}
