import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createContext } from '../src/commands/context';
import { matchChart, summaryChart, trendsChart } from '../src/commands/shared/charts';
import { summaryEmbed } from '../src/commands/shared/summary-embed';
import { createServices } from '../src/services';
import { createNormalizer } from '../src/services/normalize';
import { openStore } from '../src/services/store/repository';
import { loadTaxonomy } from '../src/services/taxonomy/load';
import { benchCli } from './cli';
import { rng, syntheticPosting } from './synthetic';

// Targets (2-core machine): normalization ≥ 5,000 postings/s; add ≤ 20 ms p99;
// summary ≤ 20 ms p99 at 10k and 100k alike; RSS ≤ 250 MB serving 100k postings;
// a whole CLI command: normalize ≤ 400 ms, summary ≤ 500 ms of wall time (see cli.ts).
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const SAMPLES = 200;

let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const rssTimer = setInterval(sampleRss, 50);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (value: number) => `${value.toFixed(2)} ms`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return times;
}

function benchNormalization() {
  const taxonomy = loadTaxonomy();
  const normalizer = createNormalizer(taxonomy);
  // The simple alternative: names and aliases only, without the phrase rules for concepts.
  const aliasesOnly = createNormalizer({ ...taxonomy, phraseRules: [] });
  const random = rng(1);
  const postings = Array.from({ length: 5000 }, (_, i) => syntheticPosting(i, random));
  const bytes = postings.reduce(
    (sum, p) => sum + Buffer.byteLength(p.requirements) + Buffer.byteLength(p.preferred ?? ''),
    0,
  );
  for (const p of postings.slice(0, 500)) normalizer.normalizeSection(p.requirements, 'required');
  const t0 = performance.now();
  for (const p of postings) {
    normalizer.normalizeSection(p.requirements, 'required');
    normalizer.normalizeSection(p.preferred ?? '', 'preferred');
  }
  const seconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  for (const p of postings) {
    aliasesOnly.normalizeSection(p.requirements, 'required');
    aliasesOnly.normalizeSection(p.preferred ?? '', 'preferred');
  }
  const aliasSeconds = (performance.now() - t1) / 1000;
  console.log(
    `normalization: ${(postings.length / seconds).toFixed(0)} postings/s ` +
      `(${postings.length} postings, ${(bytes / postings.length / 1024).toFixed(1)} KB of UTF-8 text each; ` +
      `aliases without phrase rules: ${(postings.length / aliasSeconds).toFixed(0)} postings/s)`,
  );
}

async function benchSize(size: number) {
  const dir = mkdtempSync(join(tmpdir(), 'role-radar-bench-'));
  const store = await openStore(`sqlite://${join(dir, 'bench.sqlite')}`);
  const services = createServices({ store });
  const random = rng(size);
  const guild = 'bench';
  const t0 = performance.now();
  for (let start = 0; start < size; start += 500) {
    const batch = Array.from({ length: Math.min(500, size - start) }, (_, i) =>
      syntheticPosting(start + i, random),
    );
    await services.postings.addMany(guild, batch);
  }
  const fillSeconds = (performance.now() - t0) / 1000;

  const adds = await timed(SAMPLES, (i) => services.postings.add(guild, syntheticPosting(size + i, random)));
  const summaries = await timed(SAMPLES, () => services.summary.forRole(guild, 'backend'));
  const lists = await timed(SAMPLES, (i) =>
    services.postings.list(guild, { offset: (i % 10) * 10, limit: 10 }),
  );
  await services.radar.profiles.set(guild, 'bench', 'Python, Django, MySQL, Docker, AWS');
  const matches = await timed(50, () => services.radar.match(guild, 'bench', 'backend'));
  const trends = await timed(50, () => services.radar.trends(guild, 'backend', 12));
  const skills = await timed(50, () => services.radar.skill(guild, 'kubernetes'));
  const recountStarted = performance.now();
  await services.postings.check(guild);
  const recount = performance.now() - recountStarted;
  (globalThis as { gc?: () => void }).gc?.();
  sampleRss();
  const rssServing = process.memoryUsage().rss;
  console.log(
    `${String(size).padStart(6)} postings | filled in ${fillSeconds.toFixed(1)} s` +
      ` | add p50 ${ms(percentile(adds, 50))} p99 ${ms(percentile(adds, 99))}` +
      ` | summary p50 ${ms(percentile(summaries, 50))} p99 ${ms(percentile(summaries, 99))}` +
      ` | list p99 ${ms(percentile(lists, 99))}` +
      ` | match p99 ${ms(percentile(matches, 99))} · trends p99 ${ms(percentile(trends, 99))} · skill p99 ${ms(percentile(skills, 99))}` +
      ` | doctor recount ${ms(recount)}` +
      ` | RSS serving ${mb(rssServing)}, peak so far ${mb(peakRss)}`,
  );
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

/** Chart rendering (target ≤ 200 ms), beside what the text-only summary costs to build. */
async function benchCharts() {
  const dir = mkdtempSync(join(tmpdir(), 'role-radar-bench-'));
  const store = await openStore(`sqlite://${join(dir, 'charts.sqlite')}`);
  const services = createServices({ store });
  const random = rng(7);
  await services.postings.addMany(
    'charts',
    Array.from({ length: 300 }, (_, i) => syntheticPosting(i, random)),
  );
  const summary = await services.summary.forRole('charts', 'backend');
  await services.radar.profiles.set('charts', 'bench', 'Python, Django, MySQL');
  const match = await services.radar.match('charts', 'bench', 'backend');
  const trend = await services.radar.trends('charts', 'backend', 6);
  const now = new Date();
  const ctx = createContext({
    services,
    platform: { name: 'console', checkChannel: async () => 'ok' },
    locale: 'ko',
    guildId: 'charts',
    userId: 'bench',
    userName: 'bench',
    canManageMessages: false,
    canManageGuild: false,
  });
  summaryChart('ko', summary, now); // the first render loads the font
  // resvg frees a render's native memory in a finalizer: let the event loop run between renders, as the bot does.
  const yielded = (fn: () => unknown) => async () => {
    fn();
    await new Promise((resolve) => setImmediate(resolve));
  };
  const row = (name: string, times: number[]) =>
    `${name} p50 ${ms(percentile(times, 50))} p99 ${ms(percentile(times, 99))}`;
  const radar = await timed(
    30,
    yielded(() => summaryChart('ko', summary, now)),
  );
  const overlay = await timed(
    30,
    yielded(() => matchChart('en', match, now)),
  );
  const lines = await timed(
    30,
    yielded(() => trendsChart('ko', trend, now)),
  );
  const text = await timed(
    30,
    yielded(() => summaryEmbed(ctx, summary, 'both')),
  );
  console.log(
    `charts (1200×1080 PNG, Noto Sans KR): ${row('radar', radar)} | ${row('match overlay', overlay)} | ` +
      `${row('trend lines', lines)} | text-only summary embed ${row('', text).trim()} (target ≤ 200 ms a chart)`,
  );
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

await benchCli();
if (process.env.BENCH_ONLY !== 'cli') {
  benchNormalization();
  await benchCharts();
  for (const size of SIZES) await benchSize(size);
}
clearInterval(rssTimer);
console.log(`peak RSS ${mb(peakRss)}`);
