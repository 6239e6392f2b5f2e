import { UserError } from '../errors';

/** Largest file an import accepts. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

export interface DecodedDocument {
  /**
   * The text the parser reads: line endings are `\n`, invisible characters are gone, and YAML front matter is
   * replaced by as many empty lines, so line numbers still match the file.
   */
  text: string;
  /** Simple `key: value` pairs of the YAML front matter, when there was one. */
  frontMatter?: Record<string, string>;
}

const MAGIC: readonly (readonly number[])[] = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x50, 0x4b, 0x03, 0x04], // zip, docx, xlsx
  [0x1f, 0x8b], // gzip
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xd0, 0xcf, 0x11, 0xe0], // old Office
];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** NUL bytes or many control characters near the start: not a text file. */
function looksBinary(bytes: Uint8Array): boolean {
  if (MAGIC.some((magic) => startsWith(bytes, magic))) return true;
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

function decodeBytes(bytes: Uint8Array): string {
  if (bytes.length > MAX_IMPORT_BYTES) throw new UserError('import.too-large', { max: '1 MB' });
  // UTF-16 with a byte order mark is text too (Windows editors save it); anything else must be UTF-8.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const le = bytes[0] === 0xff;
    try {
      return new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes.subarray(2));
    } catch {
      throw new UserError('import.invalid-utf8');
    }
  }
  if (looksBinary(bytes)) throw new UserError('import.binary');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UserError('import.invalid-utf8');
  }
}

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const ODD_SPACE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;
const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

function readFrontMatter(text: string): { text: string; frontMatter?: Record<string, string> } {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { text };
  const body = match[1] ?? '';
  // Only a block that reads as YAML keys is front matter; `---` then prose is a thematic break.
  const lines = body.split('\n');
  if (!lines.some((line) => /^[A-Za-z_][\w-]*\s*:/.test(line))) return { text };
  const frontMatter: Record<string, string> = {};
  for (const line of lines) {
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (kv?.[1] && kv[2] !== undefined) frontMatter[kv[1]] = kv[2].replace(/^["']|["']$/g, '').trim();
  }
  const blank = '\n'.repeat(match[0].split('\n').length - 1);
  return { text: blank + text.slice(match[0].length), frontMatter };
}

/**
 * Turns an uploaded file into text the parser can read. Throws UserError `import.too-large` (over 1 MB),
 * `import.binary` (not a text file) or `import.invalid-utf8`.
 */
export function decodeDocument(input: Uint8Array | string): DecodedDocument {
  let text: string;
  if (typeof input === 'string') {
    if (Buffer.byteLength(input, 'utf8') > MAX_IMPORT_BYTES)
      throw new UserError('import.too-large', { max: '1 MB' });
    if (input.includes('\u0000')) throw new UserError('import.binary');
    text = input;
  } else {
    text = decodeBytes(input);
  }
  if (text.includes('\u0000')) throw new UserError('import.binary');
  text = text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '').replace(ODD_SPACE, ' ');
  return readFrontMatter(text);
}
