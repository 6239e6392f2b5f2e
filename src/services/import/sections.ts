/**
 * What a posting holds while the token stream is read: its items by section, and how the section open
 * takes the next item (nested under the one before, a bracketed group, or left out).
 */

import { isBracketOnly, isOtherGroup, type LabelKind } from '../labels';
import { markedKind, mergeKids } from './items';
import { squash } from './lines';
import type { Token } from './token';

export interface BodyItem {
  kind: 'required' | 'preferred';
  own: string;
  kids: string[];
  /** The bracketed group inside the section it was under (`[서버 엔지니어]`). */
  group?: string;
  depth: number;
}

export interface Body {
  items: BodyItem[];
  kinds: Set<LabelKind>;
  /** Outermost first: the heading path, then the tokens since the previous posting. */
  context: Token[];
  trailing: Token[];
  roles: string[];
  /** Line of its first label. */
  at: number;
  unlabeled?: boolean;
}

export interface Section {
  kind: LabelKind;
  /** Depth of its label. */
  depth: number;
  min: number;
  /** The shallowest depth of plain lines it holds: a label line or heading holds the lines after it. */
  textMin: number;
  /** Its items open with glyphs (`•`) in a paragraph: a line without one continues the item before. */
  glyph?: boolean;
  combined: boolean;
  group?: string;
  exclude: boolean;
  /** Depth of the section's first item, and its latest item at that depth. */
  base?: number;
  last?: BodyItem;
}

/** A label that is a list item holds the items nested under it; a label line or heading, what follows. */
export const textMin = (label: Token & { t: 'label' }) => (label.min > label.depth ? label.depth : label.min);

/**
 * An item of the section open: a group heading (`[서버 엔지니어]`), excluded, or added. `shape`: a list
 * item, a paragraph line opening with a glyph (`• …`), or a plain line (which continues a glyph item).
 */
export function readItem(
  body: Body,
  section: Section,
  depth: number,
  text: string,
  shape: 'item' | 'glyph' | 'line',
) {
  if (isBracketOnly(text) || (/^\s*[[【].+[\]】]\s*$/.test(text) && [...text].length <= 40)) {
    const name = squash(text.replace(/[[\]【】:：]/g, ' '));
    section.exclude = section.kind === 'other' || isOtherGroup(text);
    section.group = name;
    section.base = undefined;
    section.last = undefined;
    return;
  }
  if (section.exclude || section.kind === 'other') return;
  if (section.glyph && shape === 'line' && section.last) {
    section.last.own = squash(`${section.last.own} ${text}`);
    return;
  }
  section.glyph = shape === 'glyph';
  addItem(body, text, depth, section);
}

export function addItem(body: Body, raw: string, depth: number, section: Section, inline = false) {
  const text = squash(raw);
  if (!text) return;
  section.base ??= depth;
  const previous = section.last;
  if (!inline && previous && depth > section.base) {
    // Nested under the item before: `언어` then `Java, Kotlin`.
    previous.kids.push(text);
    return;
  }
  // In a section of both kinds (or a list with no label), `(우대) Go` and `Docker 경험 우대` are preferred.
  const marked = section.combined ? markedKind(text) : undefined;
  const kind = marked?.kind === 'preferred' || section.kind === 'preferred' ? 'preferred' : 'required';
  const item: BodyItem = { kind, own: marked?.text || text, kids: [], depth };
  if (section.group) item.group = section.group;
  body.items.push(item);
  section.last = item;
}

/** The text of an item with what was nested under it. */
export const itemText = (item: BodyItem) => mergeKids(item.own, item.kids);
