import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli';

let temp: { dir: string };
let env: Record<string, string>;
const file = (name: string, text: string) => {
  const path = join(temp.dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(() => {
  temp = { dir: mkdtempSync(join(tmpdir(), 'role-radar-cli-')) };
  env = { STORE_URL: `sqlite://${join(temp.dir, 'cli.sqlite')}` };
});
afterAll(() => {
  rmSync(temp.dir, { recursive: true, force: true });
});

const count = async () => {
  const result = await runCli(['postings', '--json'], { env });
  return (JSON.parse(result.stdout) as { total: number }).total;
};

describe('role-radar CLI', () => {
  it('normalize prints items with skills, implied skills marked, and experience', async () => {
    const result = await runCli(['normalize', '--json'], {
      input: '자격요건\n- Django REST Framework 3년 이상\n- AWS에서 운영 경험\n우대사항\n- 쿠버네티스',
    });
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.items).toHaveLength(3);
    const [drf, aws, k8s] = out.items;
    expect(drf.section).toBe('required');
    expect(drf.experienceYears).toBe(3);
    expect(drf.skills[0]).toMatchObject({ id: 'django-rest-framework', category: 'framework' });
    expect(drf.skills).toContainEqual(expect.objectContaining({ id: 'python', implied: true }));
    expect(aws.skills.map((s: { id: string }) => s.id)).toContain('aws');
    expect(k8s.section).toBe('preferred');
    expect(k8s.skills.map((s: { id: string }) => s.id)).toContain('kubernetes');
  });

  it('adds postings and summarizes them as JSON', async () => {
    const req = file('req.txt', '- Python 3년 이상\n- Django, Flask 경험\n- AWS, GCP 등 클라우드');
    const pref = file('pref.txt', '- Kubernetes\n- 영어 가능');
    const add = await runCli(
      [
        'add',
        '--company',
        '버드뷰',
        '--role',
        '백엔드',
        '--url',
        'https://example.com/jobs/1',
        '--requirements-file',
        req,
        '--preferred-file',
        pref,
        '--json',
      ],
      { env },
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ id: 1, roleId: 'backend', company: '버드뷰' });

    const summary = await runCli(['summary', 'Back-end', '--json'], { env });
    expect(summary.code).toBe(0);
    const s = JSON.parse(summary.stdout);
    expect(s).toMatchObject({ role: 'backend', postings: 1, companies: 1 });
    expect(s.required).toContainEqual(
      expect.objectContaining({ id: 'python', label: 'Python', count: 1, share: 1 }),
    );
    expect(s.preferred.map((x: { id: string }) => x.id)).toContain('kubernetes');
    expect(s.groups).toContainEqual(
      expect.objectContaining({ id: 'python-web-framework', count: 1, share: 1 }),
    );
    expect(s.experience).toEqual({ min: 3, median: 3, max: 3, count: 1, juniorFriendly: 0 });

    const text = await runCli(['summary', 'backend'], { env });
    expect(text.stdout).toContain('Python');
    expect(text.stdout).toContain('100%');
  });

  it.each([
    ['unknown role', ['--role', '우주비행사'], /role/i],
    ['invalid URL', ['--url', 'not-a-url'], /address|URL/i],
    ['empty text', ['--requirements-file', 'EMPTY'], /no requirement|empty/i],
    ['100 KB text', ['--requirements-file', 'HUGE'], /too long/i],
    ['missing file', ['--requirements-file', '/nonexistent/file.txt'], /not found/i],
    ['binary file', ['--requirements-file', 'BINARY'], /not text/i],
    ['binary preferred file', ['--preferred-file', 'BINARY'], /not text/i],
    ['2 MB file', ['--requirements-file', 'TWO_MB'], /too large \(at most 1 MB\)/i],
    ['endless device', ['--requirements-file', '/dev/zero'], /too large \(at most 1 MB\)/i],
  ])('refuses %s with one line, a non-zero exit and nothing changed', async (_name, override, message) => {
    const before = await count();
    const files: Record<string, string> = {
      EMPTY: file('empty.txt', '  \n'),
      HUGE: file('huge.txt', '- Python\n'.repeat(12_000)),
      BINARY: file('photo.txt', '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR'),
      TWO_MB: file('two-mb.txt', '- Python\n'.repeat(240_000)),
    };
    const args: Record<string, string> = {
      '--company': 'X',
      '--role': 'backend',
      '--requirements-file': file('ok.txt', '- Java'),
    };
    for (let i = 0; i < override.length; i += 2) {
      const key = override[i] as string;
      const value = override[i + 1] as string;
      args[key] = files[value] ?? value;
    }
    const result = await runCli(['add', ...Object.entries(args).flat()], { env });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(await count()).toBe(before);
  });

  it('refuses input past its cap before reading it all, in both languages', async () => {
    const flood = await runCli(['normalize'], { input: '['.repeat(300_000) });
    expect(flood.code).toBe(1);
    expect(flood.stderr.trim()).toBe('The input is too large (at most 195 KB).');
    const korean = await runCli(['normalize', '--lang', 'ko'], { input: '<a'.repeat(150_000) });
    expect(korean.stderr.trim()).toBe('입력이 너무 큽니다 (최대 195 KB).');
    // Under the byte cap but over the character limit: refused before any normalization.
    const long = await runCli(['normalize'], { input: '['.repeat(60_000) });
    expect(long.stderr.trim()).toBe('The requirements field is too long (at most 50000 characters).');
  });

  it('refuses empty text to normalize and a summary without a role, naming what is missing', async () => {
    const empty = await runCli(['normalize'], { input: ' \n' });
    expect(empty.code).toBe(1);
    expect(empty.stderr.trim()).toBe('The requirements field is empty.');
    const noRole = await runCli(['summary', '--lang', 'ko'], { env });
    expect(noRole.code).toBe(1);
    expect(noRole.stderr.trim()).toBe('직무 항목이 빠졌습니다.');
  });

  it('answers in Korean with --lang ko', async () => {
    const result = await runCli(
      [
        'add',
        '--company',
        'X',
        '--role',
        '우주비행사',
        '--requirements-file',
        file('k.txt', '- Go'),
        '--lang',
        'ko',
      ],
      { env },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('직무를 알 수 없습니다');
  });

  it('lists with a page footer, shows a posting with its items as written, and removes', async () => {
    const list = await runCli(['postings'], { env });
    expect(list.stdout).toMatch(/#1\s+버드뷰/);
    expect(list.stdout).toContain('Page 1 of 1 · 1 posting');
    const show = await runCli(['show', '1'], { env });
    expect(show.stdout).toContain('== #1 버드뷰 ==');
    expect(show.stdout).toContain('• Python 3년 이상');
    expect(show.stdout).toContain('• 영어 가능');
    const missing = await runCli(['remove', '99'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('#99');
  });
});

describe('console', () => {
  it('runs /help and leaves cleanly at the end of input', async () => {
    const result = await runCli(['start'], { input: '/help\n', env, cwd: temp.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('/add-posting');
    expect(result.stdout).toContain('/summary');
  });

  it('adds a posting through the form and summarizes it, in Korean', async () => {
    const input = [
      '/add-posting 프론트엔드',
      '토스',
      'Frontend Engineer',
      'https://toss.im/career/1',
      '- React, TypeScript 경험 2년 이상',
      '- 테스트 코드 작성',
      '.',
      '- Next.js',
      '.',
      '/summary 프론트엔드',
      '/postings list',
      '/remove 999',
    ].join('\n');
    const result = await runCli(['start', '--lang', 'ko'], { input, env, cwd: temp.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('공고를 추가했습니다');
    expect(result.stdout).toContain('React');
    expect(result.stdout).toContain('공통 자격요건');
    expect(result.stdout).toContain('토스');
    expect(result.stdout).toContain('#999 공고가 없습니다');
  });

  it('refuses a pasted megabyte, on one line or in a form field, and keeps going', async () => {
    const input = [
      `/summary ${'['.repeat(2_000_000)}`,
      '/add-posting backend',
      'Huge Co',
      '',
      '',
      ...Array.from({ length: 5000 }, () => `- ${'<a'.repeat(100)}`),
      '.',
      // Asked again for that field alone: a posting-sized answer is taken.
      '- Python',
      '.',
      '.',
      '/postings list',
    ].join('\n');
    const result = await runCli(['start', '--store', 'memory://'], { input });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('That line is too long (at most 65536 characters), so it was not run.');
    expect(result.stdout).toMatch(/too long \(at most 4000 characters\)/);
    expect(result.stdout).toMatch(/#1\b.*Huge Co/);
    expect(result.stdout).not.toContain('<a<a');
  });
});

describe('console files', () => {
  it('imports a file given by path, presses Import by number, and saves an export in the current directory', async () => {
    const doc = new URL('./fixtures/import/linked-items.md', import.meta.url).pathname;
    const input = [`/import file:${doc}`, '1', '/export format:csv', '/import missing.md'].join('\n');
    const result = await runCli(['start', '--store', 'memory://'], { input, cwd: temp.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Imported 5 postings/);
    expect(result.stdout).toContain('Saved role-radar-all.csv');
    expect(readFileSync(join(temp.dir, 'role-radar-all.csv'), 'utf8')).toContain('하늘소프트');
    expect(result.stdout).toContain('File not found: missing.md');
  });
});

describe('import and export on the command line', () => {
  const fixture = (name: string) => new URL(`./fixtures/import/${name}`, import.meta.url).pathname;
  const ienv = () => ({ STORE_URL: `sqlite://${join(temp.dir, 'import.sqlite')}` });

  it('dry-runs, imports all or nothing, refuses it again as duplicates, and exports', async () => {
    const dry = await runCli(['import', fixture('linked-items.md'), '--dry-run', '--json'], { env: ienv() });
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout);
    expect(plan.inputs.length).toBeGreaterThanOrEqual(3);
    const listed = await runCli(['postings', '--json'], { env: ienv() });
    expect(JSON.parse(listed.stdout).total).toBe(0);

    const imported = await runCli(['import', fixture('linked-items.md'), '--json'], { env: ienv() });
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).added).toHaveLength(plan.inputs.length);

    const again = await runCli(['import', fixture('linked-items.md')], { env: ienv() });
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/already|이미/);

    const csv = await runCli(['export', '--format', 'csv'], { env: ienv() });
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toContain('posting_id');
    expect(csv.stdout).toContain('하늘소프트');
  });

  it('lists every posting in --json, role needed or inferred, and stores them with --role', async () => {
    const doc = file(
      'roleless.md',
      [
        '# 메모',
        '',
        '## 구름다리',
        '',
        '- 자격요건',
        '  - 성실하고 꼼꼼한 분',
        '',
        '## 별빛소프트',
        '',
        '- 자격요건',
        '  - React, TypeScript로 화면을 만든 경험',
        '  - Redux 상태 관리 경험',
        '',
      ].join('\n'),
    );
    const env = { STORE_URL: `sqlite://${join(temp.dir, 'roleless.sqlite')}` };
    const dry = await runCli(['import', doc, '--dry-run', '--json'], { env });
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout);
    expect(plan.postings).toMatchObject([
      { company: '구름다리', role: null, roleId: null, roleNeeded: true, required: 1, preferred: 0 },
      { company: '별빛소프트', roleId: 'frontend', roleInferred: true, required: 2 },
    ]);
    expect(plan.postings[1]).not.toHaveProperty('roleNeeded');
    expect(plan.inputs.map((i: { role: string | null }) => i.role)).toEqual([null, 'frontend']);

    const report = await runCli(['import', doc, '--dry-run', '--lang', 'en'], { env });
    expect(report.stdout).toContain('- 구름다리 · role needed · 1 required · 0 preferred');
    expect(report.stdout).toContain('- 별빛소프트 · Frontend developer (told from its skills)');
    expect(report.stdout).toContain('Give one with --role');

    // Without --role only the one with a role is stored; the report says the other was not.
    const partial = await runCli(['import', doc, '--lang', 'en'], { env });
    expect(partial.code).toBe(0);
    expect(partial.stdout).toMatch(/Imported 1 posting/);
    expect(partial.stdout).toContain('1 posting needs a role.');
    // --role is every posting's role: the one stored already is a duplicate, the other is stored now.
    const rest = await runCli(['import', doc, '--role', 'frontend', '--json'], { env });
    expect(rest.code).toBe(0);
    const { added, plan: second } = JSON.parse(rest.stdout);
    expect(added).toHaveLength(1);
    expect(second.postings).toMatchObject([{ company: '구름다리', roleId: 'frontend' }]);
    expect(second.duplicates).toMatchObject([{ company: '별빛소프트', of: 'server' }]);
    const listed = JSON.parse((await runCli(['postings', '--json'], { env })).stdout);
    expect(listed.total).toBe(2);
  });

  it('adds a posting identical to a stored one, and says which it repeats', async () => {
    const env = { STORE_URL: `sqlite://${join(temp.dir, 'twins.sqlite')}` };
    const req = file('twin.txt', '- Go 서버 개발 경험\n- MySQL');
    const add = (text: string) =>
      runCli(
        ['add', '--company', '쌍둥이랩', '--role', 'backend', '--requirements-file', text, '--lang', 'en'],
        {
          env,
        },
      );
    expect((await add(req)).stdout).not.toContain('already stored');
    const again = await add(file('twin-again.txt', 'go 서버 개발 경험, mysql'));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('#2');
    expect(again.stdout).toContain('The same posting is already stored as #1');
  });

  it('refuses a role-needed import with one line when nothing has a role', async () => {
    const doc = file('soft.md', '## 구름다리\n\n- 자격요건\n  - 성실하고 꼼꼼한 분\n');
    const env = { STORE_URL: `sqlite://${join(temp.dir, 'soft.sqlite')}` };
    const result = await runCli(['import', doc, '--lang', 'en'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      '1 posting needs a role and none was stored: give one with --role (for example --role backend).',
    );
  });

  it('refuses a binary file with one line and a non-zero exit', async () => {
    const binary = join(temp.dir, 'photo.md');
    writeFileSync(binary, Buffer.from([0, 1, 2, 0, 255, 254, 0]));
    const result = await runCli(['import', binary], { env: ienv() });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
