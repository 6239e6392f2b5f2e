import { performance } from 'node:perf_hooks';

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const ms = (value: number) => `${value.toFixed(2)} ms`;

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export const p50p99 = (times: readonly number[]) =>
  `p50 ${ms(percentile(times, 50))} p99 ${ms(percentile(times, 99))}`;

export async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return times;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Full collections until RSS stops falling: what the process holds, not what it has yet to free. */
export async function settledRss(): Promise<number> {
  let rss = process.memoryUsage().rss;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
    rss = Math.min(rss, process.memoryUsage().rss);
  }
  return rss;
}

/** RSS sampled every 50 ms; `phase()` starts a new peak (the overall one is kept too). */
export function rssSampler() {
  let overall = 0;
  let phase = 0;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    overall = Math.max(overall, rss);
    phase = Math.max(phase, rss);
  };
  const timer = setInterval(sample, 50);
  timer.unref();
  return {
    sample,
    /** The peak since the last call, and starts the next phase. */
    phase(): number {
      sample();
      const peak = phase;
      phase = 0;
      return peak;
    },
    get overall() {
      sample();
      return overall;
    },
    stop: () => clearInterval(timer),
  };
}

export const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');
