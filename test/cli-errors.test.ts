import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli';

let dir: string;
let env: Record<string, string>;
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'role-radar-cli-errors-'));
  env = { STORE_URL: `sqlite://${path('store.sqlite')}` };
  mkdirSync(path('folder'));
  writeFileSync(path('req.txt'), '- Java\n- Spring Boot\n');
  writeFileSync(path('empty.txt'), ' \n');
  writeFileSync(path('huge.txt'), '- Python\n'.repeat(12_000));
  writeFileSync(path('photo.md'), Buffer.from([0, 1, 2, 0, 255, 254, 0]));
  const add = await runCli(
    ['add', '--company', 'Acme', '--role', 'backend', '--requirements-file', path('req.txt')],
    { env },
  );
  expect(add.code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** [what, arguments, the one line of stderr, stdin] — run as `role-radar …` in English unless --lang ko. */
const MISTAKES: [string, string[], RegExp, string?][] = [
  [
    'an unknown command, with the closest',
    ['sumary', 'backend'],
    /no command "sumary".*Did you mean summary\?/,
  ],
  [
    'an unknown flag, with the closest',
    ['summary', 'backend', '--sectoin', 'required'],
    /no option --sectoin.*Did you mean --section\?/,
  ],
  ['a flag without its value', ['add', '--company'], /--company needs a value/],
  [
    'a flag whose value is another flag',
    ['add', '--company', '--role', 'backend'],
    /--company needs a value/,
  ],
  [
    'an empty value',
    ['add', '--company', '', '--role', 'backend', '--requirements-file', 'REQ'],
    /company field is empty/,
  ],
  ['a missing required flag', ['add', '--role', 'backend', '--requirements-file', 'REQ'], /Give --company/],
  [
    'an unknown role, all roles listed',
    ['add', '--company', 'X', '--role', 'backnd', '--requirements-file', 'REQ'],
    /role "backnd".*Did you mean Backend developer\?.*Frontend developer.*DevOps/,
  ],
  [
    'a link without https://',
    ['add', '--company', 'X', '--role', 'backend', '--url', 'toss.im/1', '--requirements-file', 'REQ'],
    /not a web address/,
  ],
  [
    'empty requirements',
    ['add', '--company', 'X', '--role', 'backend', '--requirements-file', 'EMPTY'],
    /no requirement/,
  ],
  [
    'a 100 KB requirements file',
    ['add', '--company', 'X', '--role', 'backend', '--requirements-file', 'HUGE'],
    /too long/,
  ],
  [
    'a folder for a file',
    ['add', '--company', 'X', '--role', 'backend', '--requirements-file', 'FOLDER'],
    /is a folder, not a file/,
  ],
  ['a word too many', ['add', 'extra', '--company', 'X'], /"extra" is more than the command takes/],
  ['a summary without a role', ['summary'], /role option is missing/],
  [
    'a section that does not exist',
    ['summary', 'backend', '--section', 'foo'],
    /section option does not take "foo"\. Use one of: both, required, preferred\./,
  ],
  ['a page that is not a number', ['postings', '--page', 'two'], /page option takes a whole number/],
  ['page 0', ['postings', '--page', '0'], /page option is at least 1/],
  ['a page past the end', ['postings', '--page', '99'], /no page 99: the list has 1 page/],
  ['show without an id', ['show'], /posting number option is missing/],
  ['show with a word for an id', ['show', 'abc'], /posting number option takes a whole number/],
  ['show of a posting that is not there', ['show', '99'], /no posting #99/],
  ['remove of a posting that is not there', ['remove', '#99'], /no posting #99/],
  ['import without a file', ['import'], /Attach a markdown or text file/],
  ['import of a missing file', ['import', 'MISSING'], /File not found/],
  ['import of a binary file', ['import', 'PHOTO'], /not text/],
  [
    'export in an unknown format, with the closest',
    ['export', '--format', 'jsn'],
    /format option does not take "jsn".*Did you mean json\?/,
  ],
  ['export into a folder that is not there', ['export', '--out', 'NOFOLDER'], /folder of .* does not exist/],
  ['digest preview at a time that is not one', ['digest', 'preview', '--now', 'yesterday'], /date and time/],
  ['digest set without a channel', ['digest', 'set'], /channel option is missing/],
  [
    'digest set on a weekday that is not one',
    ['digest', 'set', '--channel', '123', '--weekday', 'funday'],
    /weekday option does not take "funday".*monday/,
  ],
  ['digest set at 25:00', ['digest', 'set', '--channel', '123', '--time', '25:00'], /time like 09:00/],
  [
    'digest set in a zone that is not one',
    ['digest', 'set', '--channel', '123', '--timezone', 'Mars/Base'],
    /Unknown time zone "Mars\/Base"/,
  ],
  [
    'a digest action that does not exist',
    ['digest', 'frobnicate'],
    /\/digest has no "frobnicate".*Use one of: set, off, status, preview/,
  ],
  ['a slash command missing its option', ['add-posting'], /role option is missing/],
  [
    'a language that is not one',
    ['summary', 'backend', '--lang', 'fr'],
    /language option does not take "fr"/,
  ],
  [
    'a store that cannot be opened',
    ['summary', 'backend', '--store', 'bogus://x'],
    /cannot open the store bogus:\/\/x/,
  ],
  ['normalize with nothing to read', ['normalize'], /requirements field is empty/, ' \n'],
  ['normalize of a folder', ['normalize', 'FOLDER'], /is a folder/],
  ['deploy without a token', ['deploy-commands'], /DISCORD_TOKEN is not set/],
  [
    'a chart into a folder that is not there',
    ['summary', 'backend', '--chart', 'NOFOLDER'],
    /folder of .* does not exist/,
  ],
  [
    'a profile action that does not exist',
    ['profile', 'frob'],
    /profile has no "frob".*set, show, add, remove, clear/,
  ],
  ['a profile set with no skills', ['profile', 'set'], /skills option is missing/],
  ['match without a role', ['match'], /role option is missing/],
  ['trends over too many months', ['trends', 'backend', '--months', '99'], /from 2 to 24/],
  [
    'trends over a word of months',
    ['trends', 'backend', '--months', 'six'],
    /months option takes a whole number/,
  ],
  ['compare with one role', ['compare', 'backend'], /second role option is missing/],
  [
    'compare with three roles',
    ['compare', 'backend', 'frontend', 'devops'],
    /"devops" is more than the command takes/,
  ],
  ['skill without a name', ['skill'], /skill name option is missing/],
];

const files: Record<string, () => string> = {
  REQ: () => path('req.txt'),
  EMPTY: () => path('empty.txt'),
  HUGE: () => path('huge.txt'),
  FOLDER: () => path('folder'),
  MISSING: () => path('nothing.md'),
  PHOTO: () => path('photo.md'),
  NOFOLDER: () => path('no/such/folder/out.md'),
};

describe('every mistake on the command line: one line on stderr, exit 1, nothing changed', () => {
  it.concurrent.each(MISTAKES)('%s', async (_what, args, message, input) => {
    const result = await runCli(
      args.map((a) => files[a]?.() ?? a),
      { env, ...(input !== undefined ? { input } : {}) },
    );
    expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(1);
  });

  it('stored nothing along the way', async () => {
    const list = await runCli(['postings', '--json'], { env });
    expect(JSON.parse(list.stdout).total).toBe(1);
  });

  it.concurrent.each([
    [['summary', 'backend', '--section', '우대', '--lang', 'ko'], 0, /공통 우대사항/],
    [['summary', 'backend', '--section', 'either'], 0, /Most shared preferred/],
    [
      ['summary', '백엔드', '--section', 'foo', '--lang', 'ko'],
      1,
      /^항목: "foo" 은\(는\) 쓸 수 없는 값입니다\. 다음 중 하나를 쓰세요: 전체, 자격요건, 우대사항\.$/,
    ],
    [
      ['summary', '우주비행사', '--lang', 'ko'],
      1,
      /^"우주비행사" 직무를 알 수 없습니다\. 다음 중 하나를 쓰세요: 백엔드 개발자, 프론트엔드 개발자,/,
    ],
  ] as const)('takes the words of both languages: %j', async (args, code, pattern) => {
    const result = await runCli([...args], { env });
    if (code === 0) expect(result.stdout).toMatch(pattern);
    else expect(result.stderr.trim()).toMatch(pattern);
    expect(result.code).toBe(code);
  });

  it('takes weekdays in English and Korean, long and short', async () => {
    const digestEnv = { ...env, STORE_URL: `sqlite://${path('digest.sqlite')}` };
    const run = (...args: string[]) => runCli(args, { env: digestEnv });
    expect(
      (await run('digest', 'set', '--channel', '123', '--weekday', '금요일', '--lang', 'ko')).stdout,
    ).toMatch(/금요일 09:00/);
    expect((await run('digest', 'set', '--channel', '123', '--weekday', 'fri')).stdout).toMatch(
      /Friday 09:00/,
    );
    expect((await run('digest', 'set', '--channel', '123', '--weekday', '화')).stdout).toMatch(
      /Tuesday 09:00/,
    );
    expect(
      (await run('digest', 'set', '--channel', '123', '--weekday', 'Thu', '--time', '18:30')).stdout,
    ).toMatch(/Thursday 18:30/);
    const status = await run('digest', 'status', '--lang', 'ko');
    expect(status.stdout).toMatch(/목요일 18:30/);
    expect(status.stdout).not.toMatch(/<t:|<#/);
    expect(status.code).toBe(0);
  });
});
