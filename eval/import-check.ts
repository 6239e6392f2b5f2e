/**
 * `npm run import-check -- <shared folder>`: how many postings the importer finds in each research document
 * of the folder's `seeds/` and `corpus/`, against the count its `corpus/README.md` gives (seeds: 10 each),
 * and how many of the found ones have no company. The documents are read from the folder given only.
 * `--json` prints each document's postings (company, title, items by section) for a closer look.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseResearchDocument } from '../src/services/import/index';

const SEED_POSTINGS = 10;

interface Row {
  document: string;
  expected?: number;
  found: number;
  withoutCompany: number;
}

/** `| file | source | role(s) | postings with requirements | …` rows of the corpus README. */
function expectedCounts(readme: string): Map<string, number> {
  const counts = new Map<string, number>();
  const lines = readme.split('\n').filter((line) => line.startsWith('|'));
  const header = lines[0]?.split('|').map((cell) => cell.trim().toLowerCase()) ?? [];
  const column = header.findIndex((cell) => cell.startsWith('postings with requirements'));
  if (column < 0) return counts;
  for (const line of lines.slice(2)) {
    const cells = line.split('|').map((cell) => cell.trim());
    const count = Number.parseInt(cells[column] ?? '', 10);
    if (cells[1] && Number.isFinite(count)) counts.set(cells[1], count);
  }
  return counts;
}

function documents(folder: string): { path: string; expected?: number }[] {
  const out: { path: string; expected?: number }[] = [];
  const seeds = join(folder, 'seeds');
  for (const name of safeList(seeds).sort()) out.push({ path: join(seeds, name), expected: SEED_POSTINGS });
  const corpus = join(folder, 'corpus');
  const readme = safeRead(join(corpus, 'README.md'));
  const counts = expectedCounts(readme ?? '');
  for (const name of safeList(corpus).sort()) {
    if (!name.endsWith('.md') || name.toLowerCase() === 'readme.md') continue;
    const expected = counts.get(name);
    out.push({ path: join(corpus, name), ...(expected === undefined ? {} : { expected }) });
  }
  return out;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function safeRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  const folder = positionals[0];
  if (!folder) {
    console.error('usage: npm run import-check -- <shared folder> [--json]');
    process.exit(2);
  }
  const rows: Row[] = [];
  const detail: Record<string, unknown> = {};
  for (const doc of documents(folder)) {
    const name = basename(doc.path);
    let found = 0;
    let withoutCompany = 0;
    try {
      const parsed = parseResearchDocument(readFileSync(doc.path));
      found = parsed.postings.length;
      withoutCompany = parsed.postings.filter((p) => !p.companyFound).length;
      if (values.json) detail[name] = parsed.postings;
    } catch (error) {
      console.error(`${name}: ${(error as Error).message}`);
    }
    rows.push({
      document: name,
      ...(doc.expected === undefined ? {} : { expected: doc.expected }),
      found,
      withoutCompany,
    });
  }
  if (values.json) {
    console.log(JSON.stringify(detail, null, 2));
    return;
  }
  const width = Math.max(8, ...rows.map((row) => row.document.length));
  const line = (cells: string[]) =>
    `| ${cells[0]?.padEnd(width)} | ${cells
      .slice(1)
      .map((c) => c.padStart(8))
      .join(' | ')} |`;
  console.log(line(['document', 'expected', 'found', 'no comp.']));
  console.log(`|${'-'.repeat(width + 2)}|${['', '', ''].map(() => '-'.repeat(10)).join('|')}|`);
  for (const row of rows) {
    const mark = row.expected !== undefined && row.expected !== row.found ? ' *' : '';
    console.log(
      line([row.document + mark, String(row.expected ?? '?'), String(row.found), String(row.withoutCompany)]),
    );
  }
  const expected = rows.reduce((sum, row) => sum + (row.expected ?? 0), 0);
  const found = rows.reduce((sum, row) => sum + row.found, 0);
  const without = rows.reduce((sum, row) => sum + row.withoutCompany, 0);
  const exact = rows.filter((row) => row.expected === row.found).length;
  console.log(line(['total', String(expected), String(found), String(without)]));
  console.log(`${exact} of ${rows.length} documents exact (* = differs)`);
}

main();
