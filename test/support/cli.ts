import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/role-radar.mjs', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real bin as a user would, with its own environment (no token, a given store). Without a cwd it runs
 * in a fresh folder of its own, so files the console saves (charts, exports) never land in the project.
 */
export function runCli(
  args: string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
) {
  const scratch = options.cwd ? undefined : mkdtempSync(join(tmpdir(), 'role-radar-cli-cwd-'));
  return new Promise<CliResult>((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'en_US.UTF-8', ...options.env };
    delete env.DISCORD_TOKEN;
    const child = spawn(process.execPath, [BIN, ...args], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: options.cwd ?? scratch,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (scratch) rmSync(scratch, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
