import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createNormalizer } from '../src/services/normalize';
import { loadTaxonomy } from '../src/services/taxonomy/load';
import { benchCharts } from './charts';
import { benchCli } from './cli';
import { benchDigests, benchInteractions } from './discord-load';
import { naiveMatcher } from './naive';
import type { SizeRun } from './size-child';
import { mb, ms, p50p99, percentile, rssSampler, verdict } from './stats';
import { rng, syntheticPosting } from './synthetic';

// Targets (2-core machine): normalization ≥ 5,000 postings/s; add p99 ≤ 20 ms at 100k; summary p99 ≤ 10 ms
// at 100k and within 1.5× of its 1k figure; RSS ≤ 200 MB serving 100k postings; a whole CLI command:
// normalize ≤ 400 ms, summary ≤ 500 ms of wall time (see cli.ts).
const QUICK = process.argv.includes('--quick');
const SIZES = (process.env.BENCH_SIZES ?? (QUICK ? '1000,10000' : '1000,10000,100000'))
  .split(',')
  .map(Number);
const NAIVE_CHILD = fileURLToPath(new URL('./naive-child.ts', import.meta.url));
const SIZE_CHILD = fileURLToPath(new URL('./size-child.ts', import.meta.url));
const rss = rssSampler();

function benchNormalization() {
  const taxonomy = loadTaxonomy();
  const normalizer = createNormalizer(taxonomy);
  // Names and aliases only, without the phrase rules for concepts: the cost of the interpretive half.
  const aliasesOnly = createNormalizer({ ...taxonomy, phraseRules: [] });
  const dictionary = naiveMatcher(taxonomy);
  const random = rng(1);
  const postings = Array.from({ length: 5000 }, (_, i) => syntheticPosting(i, random));
  const bytes = postings.reduce(
    (sum, p) => sum + Buffer.byteLength(p.requirements) + Buffer.byteLength(p.preferred ?? ''),
    0,
  );
  for (const p of postings.slice(0, 500)) normalizer.normalizeSection(p.requirements, 'required');
  const run = (fn: (text: string, section: 'required' | 'preferred') => number) => {
    let found = 0;
    const t0 = performance.now();
    for (const p of postings) found += fn(p.requirements, 'required') + fn(p.preferred ?? '', 'preferred');
    const seconds = (performance.now() - t0) / 1000;
    return { rate: postings.length / seconds, perPosting: found / postings.length };
  };
  const distinct = (items: { skills: { id: string }[] }[]) =>
    new Set(items.flatMap((item) => item.skills.map((s) => s.id))).size;
  const ours = run((text, section) => distinct(normalizer.normalizeSection(text, section)));
  const aliases = run((text, section) => distinct(aliasesOnly.normalizeSection(text, section)));
  const naive = run((text) => dictionary(text).size);
  const rate = (r: { rate: number; perPosting: number }) =>
    `${r.rate.toFixed(0)} postings/s, ${r.perPosting.toFixed(1)} skills a posting`;
  console.log(
    `normalization: ${rate(ours)} (${postings.length} postings, ` +
      `${(bytes / postings.length / 1024).toFixed(1)} KB of UTF-8 text each; target ≥ 5000/s: ${verdict(ours.rate >= 5000)})` +
      ` | aliases without phrase rules: ${rate(aliases)}` +
      ` | naive dictionary (every alias looked up, case-insensitive): ${rate(naive)} (ours ×${(ours.rate / naive.rate).toFixed(1)} its speed)`,
  );
}

interface NaiveResult {
  times: number[];
  peakRss: number;
  postings: number;
}

/** The naive summary, measured in a child process (its memory is not the bot's). */
function naive(path: string, guild: string, method: 'sql' | 'iterator', samples: number): NaiveResult {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', NAIVE_CHILD, path, guild, 'backend', method, String(samples)],
    { encoding: 'utf8', maxBuffer: 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`naive ${method} summary failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as NaiveResult;
}

interface SizeFigures {
  size: number;
  addP99: number;
  summaryP99: number;
  rssServing: number;
}

/** One size, filled and served in a fresh process (see size-child.ts), then the naive summaries beside it. */
function benchSize(size: number): SizeFigures {
  const dir = mkdtempSync(join(tmpdir(), 'role-radar-bench-'));
  try {
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', SIZE_CHILD, String(size), dir],
      {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    if (child.status !== 0) throw new Error(`the ${size} postings run failed (${child.status})`);
    const run = JSON.parse(child.stdout) as SizeRun;
    // Fewer samples where one scan takes seconds; each in a process of its own.
    const sql = naive(run.path, 'bench', 'sql', Math.max(2, Math.min(20, Math.floor(20_000 / size))));
    const iterator = naive(run.path, 'bench', 'iterator', Math.max(1, Math.min(7, Math.floor(7_000 / size))));
    const ours = percentile(run.summaries, 50);
    const against = (name: string, r: NaiveResult) =>
      `${name} ${p50p99(r.times)} (${r.times.length} run${r.times.length === 1 ? '' : 's'}, ×${(percentile(r.times, 50) / ours).toFixed(0)} ours, peak RSS ${mb(r.peakRss)})`;
    console.log(
      `${String(size).padStart(6)} postings | filled in ${run.fillSeconds.toFixed(1)} s` +
        ` | add ${p50p99(run.adds)}` +
        ` | summary ${p50p99(run.summaries)}` +
        ` | ${against('naive SQL scan + JSON.parse', sql)}` +
        ` | ${against('naive keyv.iterator()', iterator)}` +
        ` | list p99 ${ms(percentile(run.lists, 99))}` +
        ` | match p99 ${ms(percentile(run.matches, 99))} · trends p99 ${ms(percentile(run.trends, 99))} · skill p99 ${ms(percentile(run.skills, 99))}` +
        ` | doctor recount ${ms(run.recountMs)}` +
        ` | RSS serving ${mb(run.rssServing)} after gc, peak serving ${mb(run.peakServing)}, peak filling ${mb(run.peakFilling)}` +
        `, chart renderer process peak ${mb(run.rendererRss)}`,
    );
    return {
      size,
      addP99: percentile(run.adds, 99),
      summaryP99: percentile(run.summaries, 99),
      rssServing: run.rssServing,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function targets(figures: SizeFigures[]) {
  const first = figures.find((f) => f.size === 1000) ?? figures[0];
  const last = figures.at(-1);
  if (!first || !last) return;
  const at = `at ${last.size / 1000}k`;
  console.log(
    `targets ${at}: summary p99 ${ms(last.summaryP99)} ≤ 10 ms: ${verdict(last.summaryP99 <= 10)}` +
      ` · ≤ 1.5× its ${first.size / 1000}k figure (${ms(first.summaryP99)}): ${verdict(last.summaryP99 <= 1.5 * first.summaryP99)}` +
      ` | add p99 ${ms(last.addP99)} ≤ 20 ms: ${verdict(last.addP99 <= 20)}` +
      ` | RSS serving ${mb(last.rssServing)} ≤ 200 MB: ${verdict(last.rssServing <= 200 * 1024 * 1024)}`,
  );
}

// BENCH_ONLY=cli|sizes|discord runs one part.
const only = process.env.BENCH_ONLY;
if (!only || only === 'cli') await benchCli(QUICK ? 5 : undefined);
if (!only || only === 'sizes') {
  benchNormalization();
  await benchCharts();
  const figures: SizeFigures[] = [];
  for (const size of SIZES) figures.push(benchSize(size));
  targets(figures);
}
if (!only || only === 'discord') {
  await benchInteractions(QUICK ? 200 : 1000, 20);
  await benchDigests(QUICK ? 200 : 1000);
}
rss.stop();
console.log(`peak RSS of the whole bench ${mb(rss.overall)}`);
