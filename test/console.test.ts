import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rng, syntheticPosting } from '../bench/synthetic';
import { createServices } from '../src/services/index';
import { openStore } from '../src/services/store/repository';
import { runCli } from './support/cli';
import { KEY, terminal } from './support/pty';

let dir: string;
let env: Record<string, string>;
const sessions: { kill(): void }[] = [];
const open = (args: string[], extra: Record<string, string> = {}) => {
  const session = terminal(args, { ...env, ...extra }, dir);
  sessions.push(session);
  return session;
};
const stored = async () => {
  const result = await runCli(['postings', '--json'], { env });
  return (JSON.parse(result.stdout) as { total: number }).total;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'role-radar-console-'));
  env = { STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`, ROLE_RADAR_HISTORY: join(dir, 'history') };
  writeFileSync(join(dir, 'req.txt'), '- Python 3년 이상\n- Django REST Framework\n');
});
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
  rmSync(dir, { recursive: true, force: true });
});

const PROMPT = 'role-radar> ';
const ESC = String.fromCharCode(27);

describe('the console in a terminal', () => {
  it('Ctrl-C cancels the form, saves nothing and returns to the prompt; Ctrl-C at an empty prompt leaves', async () => {
    const t = open(['start']);
    await t.waitFor('Type /help for the commands');
    await t.waitFor(PROMPT);
    await t.type('/add-posting backend', KEY.enter);
    await t.waitFor('Company');
    await t.type('Acme', KEY.enter);
    await t.waitFor('Position title (optional)');
    await t.type(KEY.ctrlC);
    await t.waitFor('Cancelled: nothing was saved.');
    await t.waitFor(PROMPT);
    await t.type('/postings list', KEY.enter);
    await t.waitFor('No postings yet');
    await t.waitFor(PROMPT);
    await t.type(KEY.ctrlC);
    expect((await t.exited).exitCode).toBe(0);
    expect(await stored()).toBe(0);
  });

  it('양식 도중 Ctrl-D 는 양식만 취소하고, 잘못된 답은 이유와 함께 다시 묻고, @파일을 읽고, 빈 줄의 Ctrl-D 로 나간다', async () => {
    const t = open(['start', '--lang', 'ko']);
    await t.waitFor('Role Radar 콘솔');
    await t.waitFor(PROMPT);
    await t.type('/공고추가 프론트', KEY.enter);
    await t.waitFor('회사');
    await t.type('X', KEY.enter);
    await t.waitFor('포지션 이름 (선택)');
    await t.type(KEY.ctrlD);
    await t.waitFor('취소했습니다: 아무것도 저장하지 않았습니다.');
    await t.waitFor(PROMPT);
    expect(await stored()).toBe(0);

    await t.type('/add-posting 백엔드', KEY.enter);
    await t.waitFor('회사');
    await t.type('\u200b', KEY.enter);
    await t.waitFor('회사 항목이 비어 있습니다. 다시 입력해 주세요.');
    await t.type('토스', KEY.enter);
    await t.waitFor('포지션 이름');
    await t.type(KEY.enter);
    await t.waitFor('공고 링크 (선택)');
    await t.type('toss.im/career/1', KEY.enter);
    await t.waitFor('사용할 수 없는 주소입니다: "toss.im/career/1"');
    await t.type('https://toss.im/career/1', KEY.enter);
    await t.waitFor('자격요건');
    await t.type('@nothing-here.txt', KEY.enter);
    await t.waitFor('파일을 찾을 수 없습니다: nothing-here.txt');
    await t.type('@req.txt', KEY.enter);
    await t.waitFor('req.txt 에서 3줄');
    await t.waitFor('우대사항');
    await t.type('- AWS', KEY.enter, '.', KEY.enter);
    const added = await t.waitFor('#1 공고를 추가했습니다: 토스 (백엔드 개발자)');
    expect(added).not.toContain('Enter keeps');
    await t.waitFor('Django REST Framework');
    await t.waitFor(PROMPT);
    await t.type(KEY.ctrlD);
    expect((await t.exited).exitCode).toBe(0);
    expect(await stored()).toBe(1);
  });

  it('completes commands, roles (in Korean too) and posting ids with Tab, and recalls commands with ↑', async () => {
    const add = await runCli(
      ['add', '--company', 'Acme', '--role', 'backend', '--requirements-file', join(dir, 'req.txt')],
      { env },
    );
    expect(add.code).toBe(0);
    const t = open(['start', '--lang', 'ko']);
    await t.waitFor(PROMPT);
    await t.type('/summ', KEY.tab);
    await t.waitFor('/summary ');
    await t.type('백', KEY.tab);
    await t.waitFor('백엔드 ');
    await t.type('항', KEY.tab);
    await t.waitFor('항목:');
    await t.type('자', KEY.tab);
    await t.waitFor('자격요건 ');
    await t.type(KEY.enter);
    await t.waitFor('백엔드 개발자: 공고가 공통으로 요구하는 것');
    await t.waitFor(PROMPT);
    await t.type('/show ', KEY.tab);
    await t.waitFor('/show ');
    await t.waitFor('1 ');
    await t.type(KEY.enter);
    await t.waitFor('#1 Acme');
    await t.waitFor(PROMPT);
    await t.type('/help', KEY.enter);
    await t.waitFor('/도움말');
    await t.waitFor(PROMPT);
    await t.type(KEY.up, KEY.up);
    await t.waitFor('/show 1');
    await t.type(KEY.enter);
    await t.waitFor('#1 Acme');
    await t.waitFor(PROMPT);
    await t.type(KEY.ctrlC);
    expect((await t.exited).exitCode).toBe(0);
    const history = readFileSync(join(dir, 'history'), 'utf8');
    expect(history).toContain('/summary 백엔드 항목:자격요건');
    expect(history).toContain('/show 1');
    expect(history).not.toContain('Acme');
  });

  it('Ctrl-C on a half-typed command clears the line instead of leaving; colour only on a terminal without NO_COLOR', async () => {
    const t = open(['start']);
    await t.waitFor(PROMPT);
    await t.type('/summary fronte');
    await t.type(KEY.ctrlC);
    await t.waitFor('^C');
    await t.waitFor(PROMPT);
    await t.type('/summary nobody', KEY.enter);
    await t.waitFor('I do not know the role "nobody".');
    await t.waitFor(PROMPT);
    await t.type(KEY.ctrlD);
    expect((await t.exited).exitCode).toBe(0);
    expect(t.raw()).toContain(`${ESC}[31m`);

    const plain = open(['start'], { NO_COLOR: '1' });
    await plain.waitFor(PROMPT);
    await plain.type('/summary nobody', KEY.enter);
    await plain.waitFor('I do not know the role');
    await plain.type(KEY.ctrlD);
    await plain.exited;
    for (const sgr of ['1', '2', '31', '33', '36']) expect(plain.raw()).not.toContain(`${ESC}[${sgr}m`);
  });
});

const BIN = fileURLToPath(new URL('../bin/role-radar.mjs', import.meta.url));

/** The console on piped stdin, kept open so the test can type and signal between answers. */
function piped(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, LANG: 'en_US.UTF-8', ...env },
    cwd: dir,
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  let mark = 0;
  return {
    write: (text: string) => child.stdin.write(text),
    end: () => child.stdin.end(),
    signal: () => child.kill('SIGINT'),
    exited,
    async waitFor(text: string) {
      for (let i = 0; i < 600; i++) {
        const found = out.indexOf(text, mark);
        if (found >= 0) {
          mark = found + text.length;
          return;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`waited for ${text}; got:\n${out}`);
    },
  };
}

describe('long answers on a terminal', () => {
  it('go through the pager when they are longer than the screen, and not when piped', async () => {
    const store = await openStore(env.STORE_URL ?? '');
    const random = rng(3);
    await createServices({ store }).postings.addMany(
      'local',
      Array.from({ length: 30 }, (_, i) => syntheticPosting(i, random)),
    );
    await store.close();
    const paged = terminal(['postings'], { ...env, PAGER: "sed 's/^/PAGED /'" }, dir, 12);
    sessions.push(paged);
    expect((await paged.exited).exitCode).toBe(0);
    expect(paged.screen()).toMatch(/^PAGED #30 /m);
    expect(paged.screen()).toContain('PAGED Page 1 of 1 · 30 postings');
    const short = terminal(['show', '1'], { ...env, PAGER: "sed 's/^/PAGED /'" }, dir, 200);
    sessions.push(short);
    await short.exited;
    expect(short.screen()).not.toContain('PAGED');
    const pipedList = await runCli(['postings'], { env: { ...env, PAGER: "sed 's/^/PAGED /'" } });
    expect(pipedList.stdout).not.toContain('PAGED');
  });
});

describe('the console on piped input', () => {
  it('asks again for each wrong answer, and the end of input in a form saves nothing', async () => {
    const input = [
      '/add-posting backend',
      '',
      'Acme',
      '',
      'ftp://acme.example/jobs',
      'https://acme.example/jobs/1',
      '@missing.txt',
      '- Kotlin, Spring',
      '.',
      '- AWS',
      '.',
      '/add-posting backend company:Beta',
      '',
      '',
      '',
      `- ${'Python '.repeat(15_000)}`,
      '.',
      '- Go',
      '.',
      '.',
      '/add-posting backend company:Gamma',
      '',
      '',
      '- Go',
    ].join('\n');
    const result = await runCli(['start'], { input, env, cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('The company field is empty. Please answer again.');
    expect(result.stdout).toContain('That is not a web address I can use: "ftp://acme.example/jobs"');
    expect(result.stdout).toContain('File not found: missing.txt');
    expect(result.stdout).toContain('Added posting #1: Acme (Backend developer)');
    expect(result.stdout).toContain('[Enter keeps: Beta]');
    expect(result.stdout).toContain('Added posting #2: Beta (Backend developer)');
    expect(result.stdout).toContain(
      'The requirements field is too long (at most 4000 characters). Please answer again.',
    );
    expect(result.stdout).toContain('Cancelled: nothing was saved.');
    expect(await stored()).toBe(2);
  });

  it('Ctrl-C (SIGINT) cancels the form and keeps the console; at the prompt it leaves', async () => {
    const c = piped(['start', '--lang', 'ko']);
    c.write('/add-posting 백엔드\n토스\n');
    await c.waitFor('포지션 이름');
    c.signal();
    await c.waitFor('취소했습니다: 아무것도 저장하지 않았습니다.');
    c.write('/postings list\n');
    await c.waitFor('아직 공고가 없습니다');
    c.signal();
    expect(await c.exited).toBe(0);
    expect(await stored()).toBe(0);
  });

  it('a refused submission asks again for the field it is about, and nothing typed is lost', async () => {
    await runCli(
      [
        'add',
        '--company',
        'Acme',
        '--role',
        'backend',
        '--url',
        'https://acme.example/jobs/1',
        '--requirements-file',
        join(dir, 'req.txt'),
      ],
      { env },
    );
    const input = [
      '/add-posting backend',
      'Beta',
      'Engineer',
      'https://acme.example/jobs/1?utm_source=x',
      '- Go',
      '- gRPC',
      '.',
      '.',
      'https://beta.example/jobs/2',
      '/show 2',
    ].join('\n');
    const result = await runCli(['start'], { input, env, cwd: dir });
    expect(result.stdout).toContain('This posting is already here as #1 (Acme). Please answer again.');
    expect(result.stdout).toContain('Added posting #2: Beta (Backend developer)');
    expect(result.stdout).toContain('• gRPC');
    expect(await stored()).toBe(2);
  });
});
