import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * A worker imports research notes and adds postings in a loop and is killed with SIGKILL at a random moment
 * of an import's commit (anywhere from its first read to a little past its end), TRIALS times. After each
 * kill the store is opened again as the next command would: it must be consistent (nothing derived differs
 * from a recount), hold every posting whose add had returned, hold the cut import whole or not at all, and
 * take that import again.
 */
import { createServices } from '../../src/services/index';
import { openStore } from '../../src/services/store/repository';
import { runCli } from './cli';
import { availableStores, freshUrl, type StoreKind } from './stores';

const WORKER = fileURLToPath(new URL('./store-worker.ts', import.meta.url));
const TRIALS = 20;
const PER_IMPORT = 120;
const GUILD = 'crash';

interface Seen {
  acked: Map<number, string>;
  imported: Set<number>;
  /** The round whose import had started (and maybe committed) when the worker died. */
  started?: { round: number; path: string };
  commitMs: number[];
}

/** Starts the worker; calls onLine for each line it prints, and resolves when it is gone. */
function startWorker(url: string, dir: string, round: number, onLine: (line: string) => void) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', WORKER, 'crash', url, GUILD, dir, String(PER_IMPORT), String(round)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let buffer = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    buffer += d;
    for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
      onLine(buffer.slice(0, at));
      buffer = buffer.slice(at + 1);
    }
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d;
  });
  const exited = new Promise<{ signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (_code, signal) => resolve({ signal, stderr })),
  );
  return { child, exited };
}

/** The crash test on one kind of store (one file per kind, so they run side by side). */
export async function crashTest(kind: StoreKind) {
  const found = (await availableStores()).find((k) => k.kind === kind);
  const skip = found?.skip;
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  describe(`a ${kind} store whose writer is killed`, () => {
    it.skipIf(skip)(
      `is found consistent and whole after each of ${TRIALS} SIGKILLs, and the cut import can be run again`,
      async () => {
        const { url, cleanup } = freshUrl(kind);
        const dir = mkdtempSync(join(tmpdir(), 'role-radar-crash-'));
        cleanups.push(cleanup, async () => rmSync(dir, { recursive: true, force: true }));
        const seen: Seen = { acked: new Map(), imported: new Set(), commitMs: [] };
        const phases = { inCommit: 0, afterCommit: 0 };
        let kept = 0;
        const fractions: number[] = [];

        for (let trial = 0; trial < TRIALS; trial++) {
          const round = trial * 100;
          let commitAt = 0;
          let child: ChildProcess | undefined;
          let killedAt = 0;
          // How long a commit takes, as measured so far; the kill falls anywhere in 1.3 times that after it starts.
          const typical = seen.commitMs.length
            ? seen.commitMs.reduce((a, b) => a + b) / seen.commitMs.length
            : 400;
          const delay = Math.random() * typical * 1.3;
          let committedThisRound = false;
          const worker = startWorker(url, dir, round, (line) => {
            const [word, a, b, , ms] = line.split(' ');
            if (word === 'IMPORT') seen.started = { round: Number(a), path: b ?? '' };
            if (word === 'COMMIT' && !commitAt) {
              commitAt = performance.now();
              setTimeout(() => {
                killedAt = performance.now();
                child?.kill('SIGKILL');
              }, delay);
            }
            if (word === 'IMPORTED') {
              seen.imported.add(Number(a));
              seen.started = undefined;
              if (!committedThisRound) seen.commitMs.push(Number(ms));
              committedThisRound = true;
            }
            if (word === 'ACK') seen.acked.set(Number(a), b ?? '');
          });
          child = worker.child;
          const { signal, stderr } = await worker.exited;
          expect(signal, stderr).toBe('SIGKILL');
          const at = (killedAt - commitAt) / typical;
          fractions.push(at);
          if (!committedThisRound) phases.inCommit++;
          else phases.afterCommit++;

          // Open again, as the bot or the next command would, and check everything against the postings.
          const store = await openStore(url);
          try {
            const services = createServices({ store });
            await services.postings.open(GUILD);
            const { problems } = await services.postings.check(GUILD);
            expect(problems, `trial ${trial}`).toEqual([]);
            for (const [id, postingUrl] of seen.acked) {
              expect((await services.postings.get(GUILD, id)).url).toBe(postingUrl);
            }
            for (const r of seen.imported) {
              expect(
                await services.postings.findByUrl(GUILD, `https://notes.example/crash/${r}/0`),
              ).toBeDefined();
            }
            const cut = seen.started;
            if (cut) {
              // All of the cut import is there, or none of it; running it again brings in the rest of it.
              const urls = Array.from(
                { length: PER_IMPORT },
                (_, i) => `https://notes.example/crash/${cut.round}/${i}`,
              );
              const present = (
                await Promise.all(urls.map((u) => services.postings.findByUrl(GUILD, u)))
              ).filter(Boolean);
              expect([0, PER_IMPORT], `trial ${trial}: ${present.length} of the cut import`).toContain(
                present.length,
              );
              const plan = await services.imports.preview(GUILD, readFileSync(cut.path));
              if (present.length === 0) {
                expect(plan.inputs).toHaveLength(PER_IMPORT);
                await services.imports.commit(GUILD, plan, cut.path);
              } else expect(plan.inputs).toHaveLength(0);
              seen.imported.add(cut.round);
              seen.started = undefined;
            }
            const list = await services.postings.list(GUILD);
            const summary = (await services.postings.rolesInUse(GUILD)).reduce((n, r) => n + r.postings, 0);
            expect(summary).toBe(list.total);
            // An add the worker was killed in may have committed without being acknowledged: at most one.
            const acknowledged = seen.imported.size * PER_IMPORT + seen.acked.size;
            expect(list.total - acknowledged, `trial ${trial}`).toBeGreaterThanOrEqual(0);
            expect(list.total - acknowledged, `trial ${trial}`).toBeLessThanOrEqual(1);
            kept = list.total;
          } finally {
            await store.close();
          }
        }
        const doctor = await runCli(['doctor', '--json', '--store', url]);
        expect(JSON.parse(doctor.stdout).problems).toEqual([]);
        const spread = fractions.map((f) => f.toFixed(2)).join(' ');
        console.log(
          `${kind}: ${TRIALS} kills, commit of ${PER_IMPORT} postings ≈ ${(
            seen.commitMs.reduce((a, b) => a + b, 0) / Math.max(1, seen.commitMs.length)
          ).toFixed(
            0,
          )} ms; killed inside the import commit ${phases.inCommit}, after it (adding) ${phases.afterCommit}; ` +
            `kill moment / commit time: ${spread}; postings kept ${kept}, ` +
            `acknowledged adds all present (${seen.acked.size}), doctor clean`,
        );
      },
      300_000,
    );
  });
}
