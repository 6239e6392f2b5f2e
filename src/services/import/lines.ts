/**
 * Lines of text as the importer reads them: a paragraph, heading or table cell split at soft breaks and
 * `<br>`, each with its links, whether it opened with a bullet glyph, and whether it is all bold.
 */
import type { Heading, PhrasingContent } from 'mdast';

export interface LinkRef {
  text: string;
  url: string;
}

export interface Line {
  text: string;
  /** It started with a bullet glyph or number (`ㆍ`, `•`, `-`, `1.`), now removed from text. */
  bullet: boolean;
  links: LinkRef[];
  /** The line is one link and nothing else (or a bare URL). */
  linkOnly: boolean;
  /** Text outside the links (`[네이버](url)(MLOps 서비스 개발)` → `(MLOps 서비스 개발)`). */
  outside: string;
  /** Every character is bold (`**1. 티빙**`). */
  strongOnly: boolean;
  /** The bold words the line opens with (`**구슬모아** | 백엔드` → `구슬모아`). */
  lead?: string;
}

const BULLET =
  /^(?:[•ㆍ·∙・▪▫▸▹►▷◦‣⁃○●■□◆◇◾◼❖※✔✓☑☐✅✗➢➤➔→⇒★☆]+\s*|[-*+](?:\s+|$)|[–—]\s+|\d{1,2}[.)](?:\s+|$)|\(\d{1,2}\)\s*|[①-⑳]\s*|[가나다라마바사아자차카타파하][.)]\s+|[a-zA-Z][.)]\s+)/u;
/** `[ ]` / `[x]` of a checkbox the parser did not take as a task list item. */
const CHECKBOX = /^\[[ xXvV✓✔]?\]\s*/u;
const BR = /<br\s*\/?>/i;

export const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

interface LineAcc {
  text: string;
  outside: string;
  links: LinkRef[];
  outsideStrong: boolean;
  /** Bold text at the start of the line, until the first plain text. */
  lead: string;
  leadOpen: boolean;
}

const newAcc = (): LineAcc => ({
  text: '',
  outside: '',
  links: [],
  outsideStrong: false,
  lead: '',
  leadOpen: true,
});

function finishLine(acc: LineAcc): Line {
  let text = squash(acc.text);
  const bullet = BULLET.exec(text);
  if (bullet) text = text.slice(bullet[0].length).trim();
  const box = CHECKBOX.exec(text);
  if (box && text.length > box[0].length) text = text.slice(box[0].length).trim();
  const lead = squash(acc.lead);
  const links = acc.links.map((l) => ({ text: squash(l.text), url: l.url.trim() }));
  const outside = squash(acc.outside);
  const bare = outside.replace(BULLET, '').replace(/[\s:：\-–—]/g, '');
  const bareUrl = links.length === 0 && /^(?:https?:\/\/|www\.)\S+$/i.test(text);
  return {
    text,
    bullet: bullet !== null,
    links: bareUrl ? [{ text, url: text }] : links,
    linkOnly: bareUrl || (links.length === 1 && bare === ''),
    outside: outside.replace(BULLET, '').trim(),
    strongOnly: text !== '' && !acc.outsideStrong,
    ...(lead && lead !== text ? { lead } : {}),
  };
}

/** The lines of inline markdown, split at soft breaks, hard breaks and `<br>`. */
export function phrasingLines(nodes: readonly PhrasingContent[]): Line[] {
  const lines: Line[] = [];
  let acc = newAcc();
  const push = () => {
    lines.push(finishLine(acc));
    acc = newAcc();
  };
  const add = (text: string, strong: boolean, link: LinkRef | undefined) => {
    acc.text += text;
    if (link) link.text += text;
    else acc.outside += text;
    if (!strong && text.trim()) {
      acc.outsideStrong = true;
      acc.leadOpen = false;
    }
    if (strong && acc.leadOpen) acc.lead += text;
  };
  const walk = (node: PhrasingContent, strong: boolean, link: LinkRef | undefined) => {
    switch (node.type) {
      case 'text':
        node.value.split('\n').forEach((part, i) => {
          if (i > 0) push();
          add(part, strong, link);
        });
        break;
      case 'inlineCode':
        add(node.value, strong, link);
        break;
      case 'break':
        push();
        break;
      case 'html':
        if (BR.test(node.value)) push();
        break;
      case 'strong':
        for (const child of node.children) walk(child, true, link);
        break;
      case 'emphasis':
      case 'delete':
      case 'linkReference':
        for (const child of node.children) walk(child, strong, link);
        break;
      case 'link': {
        const ref: LinkRef = { text: '', url: node.url };
        acc.links.push(ref);
        for (const child of node.children) walk(child, strong, ref);
        break;
      }
      default:
        break;
    }
  };
  for (const node of nodes) walk(node, false, undefined);
  push();
  return lines.filter((line) => line.text !== '' || line.links.length > 0);
}

/** A line of plain text (from HTML or a code block), read like markdown text. */
export const plainLine = (text: string): Line =>
  finishLine({ ...newAcc(), text, outside: text, outsideStrong: true });

/** A heading is one line, even where it holds a <br>. */
export function headingLine(heading: Heading): Line {
  return joinLines(phrasingLines(heading.children));
}

export function joinLines(lines: readonly Line[]): Line {
  const [first] = lines;
  if (lines.length === 1 && first) return first;
  return {
    text: squash(lines.map((l) => l.text).join(' ')),
    bullet: first?.bullet ?? false,
    links: lines.flatMap((l) => l.links),
    linkOnly: false,
    outside: squash(lines.map((l) => l.outside).join(' ')),
    strongOnly: lines.length > 0 && lines.every((l) => l.strongOnly),
  };
}
