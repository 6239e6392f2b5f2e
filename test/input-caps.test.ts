import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { askField, CANCELLED, type FormIo } from '../src/cli/form';
import { capLines, createLineReader, END, type LineReader } from '../src/cli/line-reader';
import type { ModalField } from '../src/commands/types';
import { translator } from '../src/i18n/index';

async function capped(chunks: (string | Buffer)[], max: number): Promise<string> {
  const out: string[] = [];
  for await (const chunk of Readable.from(chunks).pipe(capLines(max))) out.push(String(chunk));
  return out.join('');
}

const readers: LineReader[] = [];
afterEach(() => {
  for (const reader of readers.splice(0)) reader.close();
});

function piped(text: string, maxLineChars?: number): LineReader {
  const input = new PassThrough();
  input.end(text);
  const reader = createLineReader({
    input,
    output: new PassThrough(),
    terminal: false,
    ...(maxLineChars ? { maxLineChars } : {}),
  });
  readers.push(reader);
  return reader;
}

describe('the line cap', () => {
  it('cuts each line just past the cap and drops the rest up to its end, whatever the chunks', async () => {
    expect(await capped(['abcdefgh\nxy', 'z\r\n', '12345', '6789\n', 'last'], 4)).toBe(
      'abcde\nxyz\r\n12345\nlast',
    );
    // A character split between two chunks is kept whole.
    const bytes = Buffer.from('가나다\n', 'utf8');
    expect(await capped([bytes.subarray(0, 4), bytes.subarray(4)], 10)).toBe('가나다\n');
  });

  it('gives a piped line longer than the cap cut just past it, and the lines after it whole', async () => {
    const reader = piped(`short\n${'x'.repeat(100_000)}\nnext\n`, 10);
    expect(await reader.read('', 'command')).toBe('short');
    expect(await reader.read('', 'command')).toBe('x'.repeat(11));
    expect(await reader.read('', 'command')).toBe('next');
    expect(await reader.read('', 'command')).toBe(END);
  });
});

describe('the field cap', () => {
  const t = translator('en');
  const form = (reader: LineReader, warnings: string[]): FormIo => ({
    reader,
    say: () => {},
    warn: (text) => warnings.push(text),
    t,
    locale: 'en',
    readFile: async () => '',
    strong: (text) => text,
  });
  const field: ModalField = {
    id: 'requirements',
    label: 'Requirements',
    style: 'paragraph',
    required: true,
    maxLength: 20,
  };

  it('refuses a paragraph past its limit without keeping it, and takes the answer given again', async () => {
    const lines = Array.from({ length: 10_000 }, () => '- abcdefghij');
    const warnings: string[] = [];
    const reader = piped([...lines, '.', '', '- ok', '.', ''].join('\n'));
    expect(await askField(field, form(reader, warnings))).toBe('- ok');
    expect(warnings).toEqual([
      'The requirements field is too long (at most 20 characters). Please answer again.',
    ]);
  });

  it('takes an answer within the limit that is followed by blank lines, and cancels at the end of input', async () => {
    const warnings: string[] = [];
    const blanks = Array.from({ length: 100 }, () => '   ');
    const reader = piped(['', '- Python', ...blanks, '.', '- Go'].join('\n'));
    expect(await askField(field, form(reader, warnings))).toBe('- Python');
    expect(await askField(field, form(reader, warnings))).toBe(CANCELLED);
    expect(warnings).toEqual([]);
  });
});
