import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createServices } from '../src/services/index';
import { openStore } from '../src/services/store/repository';
import { runCli } from './support/cli';
import { availableStores, freshUrl } from './support/stores';

const WORKER = fileURLToPath(new URL('./support/store-worker.ts', import.meta.url));
const PER_PROCESS = 300;

/** Runs the worker as its own OS process; resolves with its stdout once it exits 0. */
function worker(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`worker exited ${code}: ${err}`)),
    );
  });
}

const kinds = await availableStores();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe.each(kinds)('several processes on one $kind store', ({ kind, skip }) => {
  it.skipIf(skip).each([2, 4])(
    '%i processes adding 300 postings each to one server keep every one, once',
    async (processes) => {
      const { url, cleanup } = freshUrl(kind);
      cleanups.push(cleanup);
      const guild = `p${processes}`;
      const started = Date.now();
      const outputs = await Promise.all(
        Array.from({ length: processes }, (_, n) =>
          worker(['add', url, guild, String(PER_PROCESS), `w${n}`]),
        ),
      );
      const seconds = (Date.now() - started) / 1000;
      const acknowledged = outputs.flatMap((out) => JSON.parse(out.trim()) as number[]);
      const expected = processes * PER_PROCESS;

      const store = await openStore(url);
      try {
        const services = createServices({ store });
        const all = await services.postings.all(guild);
        const list = await services.postings.list(guild);
        const roles = await services.postings.rolesInUse(guild);
        let summaryTotal = 0;
        for (const { roleId } of roles)
          summaryTotal += (await services.summary.forRole(guild, roleId)).postings;
        const exported = JSON.parse(
          (await services.exports.export(guild, { format: 'json', locale: 'en' })).content,
        );
        console.log(
          `${kind}, ${processes} processes × ${PER_PROCESS} adds: ${seconds.toFixed(1)} s wall, ` +
            `${(expected / seconds).toFixed(0)} adds/s; kept ${all.length}, list ${list.total}, summary ${summaryTotal}, ` +
            `export ${exported.postings.length}, distinct ids ${new Set(acknowledged).size}`,
        );
        expect(acknowledged).toHaveLength(expected);
        expect(new Set(acknowledged).size).toBe(expected);
        expect(all.map((p) => p.id).sort((a, b) => a - b)).toEqual([...acknowledged].sort((a, b) => a - b));
        expect(list.total).toBe(expected);
        expect(summaryTotal).toBe(expected);
        expect(exported.postings).toHaveLength(expected);
        expect(new Set(all.map((p) => p.url)).size).toBe(expected);
      } finally {
        await store.close();
      }
      const doctor = await runCli(['doctor', '--json', '--store', url]);
      expect(JSON.parse(doctor.stdout).problems).toEqual([]);
      expect(doctor.code).toBe(0);
    },
    120_000,
  );

  it.skipIf(skip)(
    'a long-running writer and `role-radar add` commands at the same time keep every posting',
    async () => {
      const { url, cleanup } = freshUrl(kind);
      cleanups.push(cleanup);
      const dir = mkdtempSync(join(tmpdir(), 'role-radar-cli-adds-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      const requirements = join(dir, 'requirements.txt');
      writeFileSync(requirements, '- Python 3년 이상\n- AWS\n');
      const bot = worker(['add', url, 'local', '200', 'bot']);
      const commands = await Promise.all(
        Array.from({ length: 6 }, (_, n) =>
          runCli([
            'add',
            '--store',
            url,
            '--company',
            `CLI ${n}`,
            '--role',
            'backend',
            '--url',
            `https://cli.example/${n}`,
            '--requirements-file',
            requirements,
            '--json',
          ]),
        ),
      );
      const botIds = JSON.parse((await bot).trim()) as number[];
      for (const command of commands) expect(command.code, command.stderr).toBe(0);
      const cliIds = commands.map((c) => (JSON.parse(c.stdout) as { id: number }).id);
      expect(new Set([...botIds, ...cliIds]).size).toBe(206);
      const store = await openStore(url);
      try {
        const services = createServices({ store });
        expect((await services.postings.list('local')).total).toBe(206);
        expect((await services.postings.check('local')).problems).toEqual([]);
      } finally {
        await store.close();
      }
    },
    120_000,
  );
});
