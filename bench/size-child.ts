// One size of the bench in a process of its own, as the bot would serve it: fills a SQLite store with
// `size` postings in one server, then measures what a server that size costs per request and in memory.
// argv: <size> <dir>; prints one JSON line (SizeRun) and leaves the store in <dir> for the naive runs.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sqlite3 from 'sqlite3';
import { summaryChart } from '../src/commands/shared/charts';
import { createServices } from '../src/services';
import { rendererPid } from '../src/services/charts/render';
import { openStore } from '../src/services/store/repository';
import { rssOf } from './charts';
import { rssSampler, settledRss, timed } from './stats';
import { rng, syntheticPosting } from './synthetic';

export interface SizeRun {
  size: number;
  path: string;
  fillSeconds: number;
  adds: number[];
  summaries: number[];
  lists: number[];
  matches: number[];
  trends: number[];
  skills: number[];
  recountMs: number;
  rssServing: number;
  peakServing: number;
  peakFilling: number;
  rendererRss: number;
}

const SUMMARY_SAMPLES = 1000;
const size = Number(process.argv[2]);
const path = join(process.argv[3] ?? '.', 'bench.sqlite');
const rss = rssSampler();
const store = await openStore(`sqlite://${path}`);
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
const peakFilling = rss.phase();

// Serving starts from a settled process: the fill's garbage collected and its pages written back (a WAL
// checkpoint), as for a bot that has been running, not one in the middle of a bulk import.
await settledRss();
await new Promise<void>((resolve, reject) => {
  const db = new sqlite3.Database(path);
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)', (error) => db.close(() => (error ? reject(error) : resolve())));
});

const adds = await timed(200, (i) => services.postings.add(guild, syntheticPosting(size + i, random)));
const summaries = await timed(SUMMARY_SAMPLES, () => services.summary.forRole(guild, 'backend'));
const lists = await timed(200, (i) => services.postings.list(guild, { offset: (i % 10) * 10, limit: 10 }));
await services.radar.profiles.set(guild, 'bench', 'Python, Django, MySQL, Docker, AWS');
const matches = await timed(50, () => services.radar.match(guild, 'bench', 'backend'));
const trends = await timed(50, () => services.radar.trends(guild, 'backend', 12));
const skills = await timed(50, () => services.radar.skill(guild, 'kubernetes'));
// The bot also draws: its share of a chart's memory is the PNG it gets back.
const summary = await services.summary.forRole(guild, 'backend');
let rendererRss = 0;
await timed(20, async () => {
  await summaryChart('ko', summary, new Date());
  rendererRss = Math.max(rendererRss, rssOf(rendererPid()) ?? 0);
});
const peakServing = rss.phase();
const rssServing = await settledRss();
const recountStarted = performance.now();
await services.postings.check(guild);
const recountMs = performance.now() - recountStarted;
await store.close();
rss.stop();
const run: SizeRun = {
  size,
  path,
  fillSeconds,
  adds,
  summaries,
  lists,
  matches,
  trends,
  skills,
  recountMs,
  rssServing,
  peakServing,
  peakFilling,
  rendererRss,
};
process.stdout.write(`${JSON.stringify(run)}\n`);
process.exit(0);
