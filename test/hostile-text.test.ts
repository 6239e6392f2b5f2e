import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../src/services/errors';
import { MAX_IMPORT_BYTES, parseResearchDocument, planImport } from '../src/services/import';
import { createNormalizer } from '../src/services/normalize';
import { normalizePostingText } from '../src/services/postings/compose';
import { loadTaxonomy } from '../src/services/taxonomy/load';
import { emptyServer } from './support/import';

/**
 * Hostile text for the normalizer and the importer: markup floods and random mixes of the characters their
 * patterns look for. Nothing may throw but a user error, and the time per character may not grow with the
 * size (a pattern that rescans from every unclosed `[` or `<` takes 10× the time per character at 10× the
 * size). The figures are printed; what is asserted is only how they compare within this one run.
 */
const normalizer = createNormalizer(loadTaxonomy());
const importPlan = async (text: string) => planImport(parseResearchDocument(text), emptyServer);

const FLOODS: Record<string, string> = {
  '[': '[',
  '<a': '<a',
  '[x](': '[x](',
  '](': '](',
  '<a href="': '<a href="',
  '(': '(',
  '**': '**',
  'http://': 'http://',
  '- [': '- [',
  '|': '| ',
  '`': '`',
  '자격요건 ': '자격요건 ',
  'Python 3년 ': 'Python 3년 ',
  '\u200b': '\u200b',
};

const MARKUP = ['[', ']', '(', ')', '<', '>', '/', '*', '_', '~', '`', '#', '-', '|', '\n', ' ', 'a', 'Z'];
const WORDS = [
  'Python',
  'AWS',
  '자격요건',
  '우대사항',
  'https://x.io/',
  '3년',
  '- ',
  '### ',
  '**',
  '\u200b',
  '😀',
];
const hostile = fc.array(fc.oneof(fc.constantFrom(...MARKUP), fc.constantFrom(...WORDS), fc.string()), {
  maxLength: 400,
});

/** Runs fn and returns what it threw, if it was not a user error; user errors are what hostile input may earn. */
async function unexpectedError(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
    return undefined;
  } catch (error) {
    return isUserError(error) ? undefined : error;
  }
}

/** Microseconds per character: the best of a few runs, each repeating the text until it took a while. */
async function perChar(fn: (text: string) => unknown, text: string): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    let reps = 0;
    const started = performance.now();
    do {
      await unexpectedError(() => fn(text));
      reps++;
    } while (performance.now() - started < 20);
    best = Math.min(best, ((performance.now() - started) * 1000) / (reps * text.length));
  }
  return best;
}

const flood = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);

describe('hostile text', () => {
  it('never makes the normalizer throw', () => {
    fc.assert(
      fc.property(hostile, (parts) => {
        const text = parts.join('');
        expect(() => normalizePostingText(normalizer, text, text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('makes the importer throw only user errors', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (parts) => {
        expect(await unexpectedError(() => importPlan(parts.join('')))).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  // The normalizer's own cap is the field's (4,000 characters) or the CLI's (50,000); it is measured past
  // them, at 100 K, to show the time per character stays flat. The importer is capped at 1 MB.
  const targets = [
    {
      name: 'normalizer',
      fn: (t: string) => normalizePostingText(normalizer, t, ''),
      sizes: [10_000, 100_000],
    },
    // Just under and over the importer's parse budget (PARSE_BUDGET, 96 KB), then at its size cap.
    { name: 'importer', fn: importPlan, sizes: [10_000, 90_000, 100_000, MAX_IMPORT_BYTES - 16] },
  ];
  for (const target of targets) {
    it(`${target.name}: time per character stays flat from 10 K to ${target.sizes.at(-1)} characters of floods`, async () => {
      const rows: string[] = [];
      for (const [name, unit] of Object.entries(FLOODS)) {
        const figures: number[] = [];
        const cells: string[] = [];
        for (const size of target.sizes) {
          const text = flood(unit, size);
          let refused = false;
          try {
            await target.fn(text);
          } catch (error) {
            expect(isUserError(error), `${name} × ${size}: ${error}`).toBe(true);
            refused = true;
          }
          figures.push(await perChar(target.fn, text));
          cells.push(`${(figures.at(-1) ?? 0).toFixed(3)}${refused ? ' (refused)' : ''}`);
        }
        rows.push(`${JSON.stringify(name).padEnd(14)} ${cells.map((c) => c.padEnd(16)).join(' ')}`);
        const [small = 0, ...larger] = figures;
        // Linear time keeps µs/char about equal; quadratic multiplies it by the size ratio (10× and more).
        for (const f of larger)
          expect(f, `${target.name}, flood of ${name}`).toBeLessThan(Math.max(small, 0.05) * 4);
      }
      console.log(
        `${target.name}, µs per character at ${target.sizes.join(' / ')} characters:\n${rows.join('\n')}`,
      );
    }, 120_000);
  }
});
