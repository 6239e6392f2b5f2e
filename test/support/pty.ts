import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { spawn } from '@lydell/node-pty';

const BIN = fileURLToPath(new URL('../../bin/role-radar.mjs', import.meta.url));

export const KEY = {
  enter: '\r',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
  tab: '\t',
  up: '\u001b[A',
  down: '\u001b[B',
} as const;

/** The real bin in a pseudo-terminal, as a person runs it; the screen is read without its escape codes. */
export function terminal(args: string[], env: Record<string, string> = {}, cwd?: string, rows = 40) {
  const child = spawn(process.execPath, [BIN, ...args], {
    name: 'xterm-256color',
    cols: 120,
    rows,
    ...(cwd ? { cwd } : {}),
    env: { ...process.env, LANG: 'en_US.UTF-8', TERM: 'xterm-256color', ...env } as Record<string, string>,
  });
  let raw = '';
  let exit: { exitCode: number; signal?: number } | undefined;
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => {
    child.onExit((e) => {
      exit = e;
      resolve(e);
    });
  });
  child.onData((data) => {
    raw += data;
  });
  const screen = () => stripVTControlCharacters(raw).replace(/\r/g, '');
  let mark = 0;

  /** Waits until the output since the last wait holds the text. */
  async function waitFor(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const start = Date.now();
    for (;;) {
      const seen = screen().slice(mark);
      const found = typeof text === 'string' ? seen.indexOf(text) : seen.search(text);
      if (found >= 0) {
        const match = typeof text === 'string' ? text : (seen.match(text)?.[0] ?? '');
        mark += found + match.length;
        return seen.slice(0, found + match.length);
      }
      if (exit || Date.now() - start > timeoutMs) {
        throw new Error(`waited for ${String(text)}; the screen shows:\n${screen().slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  return {
    waitFor,
    /** Types keys, one write each: a person does not type two keys in one instant. */
    async type(...keys: string[]) {
      for (const key of keys) {
        child.write(key);
        await new Promise((r) => setTimeout(r, 60));
      }
    },
    screen,
    raw: () => raw,
    exited,
    kill: () => {
      if (!exit) child.kill();
    },
  };
}
