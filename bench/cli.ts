import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsFresh } from '../bin/freshness.mjs';
import { createServices } from '../src/services';
import { openStore } from '../src/services/store/repository';
import { rng, syntheticPosting } from './synthetic';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'role-radar.mjs');
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 15);

const POSTING = [
  '자격요건',
  '- Java, Spring Boot 기반 서버 개발 경험 3년 이상',
  '- MySQL 등 RDBMS 사용 경험',
  '- Git을 이용한 협업 경험',
  '우대사항',
  '- AWS 운영 경험',
  '- Kubernetes, Docker 사용 경험',
].join('\n');

function wallTimes(runs: number, args: string[], env: NodeJS.ProcessEnv, input?: string): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [BIN, ...args], { env, input: input ?? '', encoding: 'utf8' });
    times.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`role-radar ${args.join(' ')} failed: ${result.stderr}`);
  }
  return times.sort((a, b) => a - b);
}

const at = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const ms = (n: number) => `${n.toFixed(0)} ms`;

/**
 * Wall time of a whole command, from spawning node to its exit: the build in dist/ beside the simple
 * alternative, the sources run through tsx. Targets: normalize of one posting ≤ 400 ms, summary ≤ 500 ms.
 */
export async function benchCli(runs = RUNS) {
  if (!buildIsFresh(ROOT))
    spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--quiet'], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'role-radar-bench-cli-'));
  const storeUrl = `sqlite://${join(dir, 'cli.sqlite')}`;
  const store = await openStore(storeUrl);
  const random = rng(7);
  await createServices({ store }).postings.addMany(
    'local',
    Array.from({ length: 1000 }, (_, i) => syntheticPosting(i, random)),
  );
  await store.close();
  writeFileSync(join(dir, 'posting.txt'), POSTING);
  const env: NodeJS.ProcessEnv = { ...process.env, STORE_URL: storeUrl, LANG: 'en_US.UTF-8' };
  delete env.DISCORD_TOKEN;
  const cases: [string, string[], number | undefined, string?][] = [
    ['normalize (one posting)', ['normalize'], 400, POSTING],
    ['summary backend (1k postings)', ['summary', 'backend'], 500],
    ['postings (a page of 50)', ['postings'], undefined],
  ];
  console.log(`CLI wall time, ${runs} runs each (median / p90):`);
  for (const [name, args, target, input] of cases) {
    const built = wallTimes(runs, args, env, input);
    const sources = wallTimes(runs, args, { ...env, ROLE_RADAR_FROM_SOURCE: '1' }, input);
    const verdict =
      target === undefined
        ? 'no target'
        : `target ≤ ${target} ms: ${at(built, 0.5) <= target ? 'meets' : 'MISSES'}`;
    console.log(
      `  ${name.padEnd(30)} built ${ms(at(built, 0.5))} / ${ms(at(built, 0.9))}` +
        ` | sources through tsx ${ms(at(sources, 0.5))} / ${ms(at(sources, 0.9))}` +
        ` | ${verdict}`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}
