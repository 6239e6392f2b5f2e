/**
 * `npm run accuracy -- <shared folder>`: the normalizer against postings labeled by hand (eval/labels),
 * on the tuning half and the held-out half of eval/split.json. The labeled documents are read from the
 * folder given, and from nowhere else. Held-out figures are printed only in aggregate; `--half tuning`
 * prints the tuning half alone, and `--misses` (only with it) lists that half's misses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNormalizer } from '../src/services/normalize';
import { normalizePostingText } from '../src/services/postings/compose';
import type { NormalizedItem, Posting } from '../src/services/postings/schema';
import { postingExperience } from '../src/services/summary/aggregate';
import { loadTaxonomy } from '../src/services/taxonomy/load';
import { type Half, halfOf, readLabelFiles, readSplit } from './labels';
import {
  type Counts,
  type HalfReport,
  type Kind,
  type PostingResult,
  precision,
  recall,
  scoreHalf,
} from './score';
import { sectionText } from './sections';

const EVAL_DIR = dirname(fileURLToPath(import.meta.url));

const usage =
  'usage: npm run accuracy -- <shared folder> [--half tuning|held-out] [--misses] [--kind named|concept] [--labels DIR]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    /** Only one half: `tuning` while tuning, so the held-out figures are not looked at meanwhile. */
    half: { type: 'string' },
    misses: { type: 'boolean', default: false },
    kind: { type: 'string' },
    labels: { type: 'string', default: join(EVAL_DIR, 'labels') },
    split: { type: 'string', default: join(EVAL_DIR, 'split.json') },
    /** Where named/concept comes from (the taxonomy's `kind` and categories); the repo's by default. */
    kinds: { type: 'string', default: join(EVAL_DIR, '..', 'data', 'skills.json') },
  },
});

const sharedDir = positionals[0];
if (!sharedDir || !existsSync(sharedDir)) {
  console.error(sharedDir ? `no such folder: ${sharedDir}` : usage);
  process.exit(1);
}
const HALF_NAMES: Record<string, Half> = { tuning: 'tuning', 'held-out': 'heldOut', heldout: 'heldOut' };
const onlyHalf = values.half === undefined ? undefined : HALF_NAMES[values.half.toLowerCase()];
if (values.half !== undefined && onlyHalf === undefined) {
  console.error(`--half takes tuning or held-out, not "${values.half}"\n${usage}`);
  process.exit(1);
}
if (values.misses && onlyHalf !== 'tuning') {
  console.error('--misses lists the tuning half only: add --half tuning');
  process.exit(1);
}
const shownHalves = (['tuning', 'heldOut'] as const).filter((h) => onlyHalf === undefined || h === onlyHalf);

interface RawSkill {
  id: string;
  category?: string;
  kind?: Kind;
}
const CONCEPT_CATEGORIES = new Set(['soft-skill', 'domain']);
const rawSkills: RawSkill[] = JSON.parse(readFileSync(values.kinds, 'utf8')).skills;
const kinds = new Map(
  rawSkills.map((s) => [
    s.id,
    s.kind ?? (CONCEPT_CATEGORIES.has(s.category ?? '') ? 'concept' : ('named' as Kind)),
  ]),
);
/** Ids the labels use that no taxonomy file has yet count as named technology. */
const kindOf = (id: string): Kind => kinds.get(id) ?? 'named';

const taxonomy = loadTaxonomy();
const normalizer = createNormalizer(taxonomy);
const knownIds = new Set(taxonomy.skills.map((s) => s.id));

const split = readSplit(values.split);
const labelFiles = readLabelFiles(values.labels);

function predict(items: NormalizedItem[]) {
  const skills = new Set<string>();
  const described = items.map((item) => {
    const named = item.skills.filter((s) => !s.implied).map((s) => s.id);
    for (const id of named) skills.add(id);
    return { text: item.text, skills: named };
  });
  return { skills, items: described };
}

const results: Record<Half, PostingResult[]> = { tuning: [], heldOut: [] };
const outsideSplit: string[] = [];
for (const file of labelFiles) {
  const half = halfOf(split, file.document);
  if (!half) {
    outsideSplit.push(file.document);
    continue;
  }
  if (!shownHalves.includes(half)) continue;
  const path = resolve(sharedDir, file.document);
  if (!existsSync(path)) {
    console.error(`${file.document}: not found under ${sharedDir}`);
    process.exit(1);
  }
  const lines = readFileSync(path, 'utf8').split(/\r\n|\r|\n/);
  for (const posting of file.postings) {
    const sections: PostingResult['sections'] = {};
    const requiredItems: NormalizedItem[] = [];
    const role = posting.role ?? undefined;
    for (const section of ['required', 'preferred'] as const) {
      const label = posting[section];
      if (!label) continue;
      const text = sectionText(lines, label);
      const items =
        section === 'required'
          ? normalizePostingText(normalizer, text, '', role)
          : normalizePostingText(normalizer, '', text, role);
      if (section === 'required') requiredItems.push(...items);
      sections[section] = predict(items);
    }
    const experience = postingExperience({ items: requiredItems } as Pick<Posting, 'items'>) as {
      years?: number;
      maxYears?: number;
    };
    results[half].push({
      document: file.document,
      half,
      posting,
      sections,
      minYears: experience.years ?? null,
      maxYears: experience.maxYears ?? null,
    });
  }
}

const reports: Record<Half, HalfReport> = {
  tuning: scoreHalf(results.tuning, kindOf, (id) => knownIds.has(id)),
  heldOut: scoreHalf(results.heldOut, kindOf, (id) => knownIds.has(id)),
};

const f3 = (x: number) => x.toFixed(3);
const pr = (c: Counts) => `P ${f3(precision(c))} R ${f3(recall(c))} (tp ${c.tp} fp ${c.fp} fn ${c.fn})`;
const pct = (right: number, total: number) =>
  total === 0 ? '-' : `${((right / total) * 100).toFixed(1)}% (${right}/${total})`;
const NAMES: Record<Half, string> = { tuning: 'tuning', heldOut: 'held-out' };

console.log(`Labeled postings under ${sharedDir} · taxonomy ${taxonomy.version}`);
console.log('Skills are counted once per section; "merged" counts a posting\'s two sections together.\n');
for (const half of shownHalves) {
  const r = reports[half];
  console.log(`${NAMES[half]}: ${r.documents} documents, ${r.postings} postings`);
  console.log(`  named tech   ${pr(r.sections.named)}   merged ${pr(r.postingsMerged.named)}`);
  console.log(`  concepts     ${pr(r.sections.concept)}   merged ${pr(r.postingsMerged.concept)}`);
  console.log(
    `  experience   minYears ${pct(r.experience.right, r.experience.total)} · maxYears ${pct(r.experience.maxRight, r.experience.maxTotal)}`,
  );
  const unknown = [...r.unknownIds].sort((a, b) => b[1] - a[1]);
  if (unknown.length > 0) {
    const uses = unknown.reduce((n, [, c]) => n + c, 0);
    console.log(
      half === 'tuning'
        ? `  ids the taxonomy lacks (misses): ${unknown.map(([id, n]) => `${id}×${n}`).join(', ')}`
        : `  ids the taxonomy lacks (misses): ${unknown.length} ids, ${uses} uses`,
    );
  }
}
const h = reports.heldOut;
const mark = (ok: boolean) => (ok ? 'met' : 'not met');
if (shownHalves.includes('heldOut'))
  console.log(
    `\ntargets on held-out: named P ≥ 0.97 ${mark(precision(h.sections.named) >= 0.97)}, R ≥ 0.95 ${mark(recall(h.sections.named) >= 0.95)}` +
      ` · concepts P ≥ 0.90 ${mark(precision(h.sections.concept) >= 0.9)}, R ≥ 0.85 ${mark(recall(h.sections.concept) >= 0.85)}` +
      ` · experience ≥ 95% ${mark(h.experience.total > 0 && h.experience.right / h.experience.total >= 0.95)}`,
  );
if (outsideSplit.length > 0) console.log(`not in the split, not scored: ${outsideSplit.join(', ')}`);

if (values.misses) {
  // The tuning half only: the held-out half is never shown item by item.
  const t = reports.tuning;
  const wanted = (kind: Kind) => values.kind === undefined || values.kind === kind;
  console.log('\n== tuning misses ==');
  for (const m of t.misses.filter((x) => wanted(x.kind))) {
    const where = `${m.document} · ${m.company} · ${m.section}`;
    if (m.type === 'fp') console.log(`FP ${m.skill} [${where}]\n     ${m.items.join('\n     ')}`);
    else console.log(`FN ${m.skill} [${where}]\n     ${m.items.join('\n     ')}`);
  }
  console.log('\n== tuning experience misses ==');
  for (const m of t.experienceMisses)
    console.log(`${m.document} · ${m.company}: labeled ${m.expected}, got ${m.got}`);
}
