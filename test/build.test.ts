import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIsFresh } from '../bin/freshness.mjs';
import { runCli } from './support/cli';

let root: string;
const past = (seconds: number) => new Date(Date.now() - seconds * 1000);
const write = (path: string, text = '', when = past(60)) => {
  writeFileSync(join(root, path), text);
  utimesSync(join(root, path), when, when);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'role-radar-build-'));
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  write('src/cli/main.ts');
  utimesSync(join(root, 'src', 'cli'), past(60), past(60));
  utimesSync(join(root, 'src'), past(60), past(60));
  write('dist/main.js');
  write('dist/build-info.json', JSON.stringify({ startedAt: past(30).getTime(), sources: 1 }));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('which code bin/role-radar.mjs runs', () => {
  it('runs the build when it is newer than every source', () => {
    expect(buildIsFresh(root)).toBe(true);
  });

  it('runs the sources when a source changed after the build started', () => {
    write('src/cli/main.ts', 'changed', past(1));
    expect(buildIsFresh(root)).toBe(false);
  });

  it('runs the sources when a file was added or removed (its folder changed)', () => {
    utimesSync(join(root, 'src', 'cli'), past(1), past(1));
    expect(buildIsFresh(root)).toBe(false);
  });

  it('runs the sources when the lockfile changed (bundled packages moved)', () => {
    write('package-lock.json', '{}', past(1));
    expect(buildIsFresh(root)).toBe(false);
  });

  it('runs the sources when there is no build, or a half-written one', () => {
    rmSync(join(root, 'dist', 'main.js'));
    expect(buildIsFresh(root)).toBe(false);
    write('dist/main.js');
    write('dist/build-info.json', '{');
    expect(buildIsFresh(root)).toBe(false);
  });

  it('the project itself: the tests run a fresh build, and the sources give the same answers', async () => {
    expect(buildIsFresh(join(import.meta.dirname, '..'))).toBe(true);
    const input = '자격요건\n- Django 3년 이상\n';
    const built = await runCli(['normalize', '--json'], { input });
    const sources = await runCli(['normalize', '--json'], { input, env: { ROLE_RADAR_FROM_SOURCE: '1' } });
    expect(built.code).toBe(0);
    expect(sources.stdout).toBe(built.stdout);
  });
});
