import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../src/commands/context';
import { matchChart, summaryChart, trendsChart } from '../src/commands/shared/charts';
import { summaryEmbed } from '../src/commands/shared/summary-embed';
import { createServices } from '../src/services';
import { rendererPid } from '../src/services/charts/render';
import { openStore } from '../src/services/store/repository';
import { mb, p50p99, settledRss, timed } from './stats';
import { rng, syntheticPosting } from './synthetic';

/** A process's resident memory, from /proc (Linux); undefined elsewhere or when it has exited. */
export function rssOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** Chart rendering (target ≤ 200 ms), beside what the text-only summary costs to build. */
export async function benchCharts() {
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
  const before = await settledRss();
  await summaryChart('ko', summary, now); // the first render starts the renderer and loads the font
  let rendererPeak = 0;
  const watch =
    <T>(fn: () => Promise<T>) =>
    async () => {
      const result = await fn();
      rendererPeak = Math.max(rendererPeak, rssOf(rendererPid()) ?? 0);
      return result;
    };
  const radar = await timed(
    40,
    watch(() => summaryChart('ko', summary, now)),
  );
  const overlay = await timed(
    40,
    watch(() => matchChart('en', match, now)),
  );
  const lines = await timed(
    40,
    watch(() => trendsChart('ko', trend, now)),
  );
  const text = await timed(40, async () => summaryEmbed(ctx, summary, 'both'));
  const after = await settledRss();
  console.log(
    `charts (1200×1080 PNG, Noto Sans KR, 120 renders): radar ${p50p99(radar)} | match overlay ${p50p99(overlay)} | ` +
      `trend lines ${p50p99(lines)} | text-only summary embed ${p50p99(text)} (target ≤ 200 ms a chart)` +
      ` | bot RSS after gc ${mb(before)} before, ${mb(after)} after; renderer process peak ${mb(rendererPeak)}` +
      ' (replaced past 160 MB)',
  );
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
