/** One token of a research note's flat stream (tokens.ts lowers the mdast into it). */
import type { Label } from '../labels';
import type { EntryKey } from './keyvalue';
import type { Line } from './lines';

export type Token =
  | { t: 'heading'; level: number; line: Line; at: number }
  /** `depth`: of the list item (or paragraph) it is; `min`: the shallowest item depth its section holds. */
  | { t: 'label'; label: Label; depth: number; min: number; at: number }
  | { t: 'item'; depth: number; line: Line; at: number }
  | { t: 'text'; depth: number; line: Line; at: number }
  | { t: 'kv'; key: EntryKey; value: string; line: Line; at: number }
  | { t: 'role'; roles: string[]; at: number }
  | { t: 'link'; line: Line; at: number }
  /** A table row or column that names one posting: its company cell, position and role. */
  | { t: 'card'; line: Line; title?: string; role?: string; url?: string; at: number }
  /** A thematic break, or the end of a table of postings. */
  | { t: 'rule'; at: number }
  /** The end of a folded `<details>` block, or of a table's sections: closes the section open. */
  | { t: 'close'; level: number; at: number };
