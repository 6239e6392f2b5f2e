import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import type { Io } from '../src/cli/runtime';
import { createServices } from '../src/services';
import { fixedClock } from '../src/services/clock';
import { openStore } from '../src/services/store/repository';
import { runCli } from './support/cli';
import { tempStore } from './support/services';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function memoryIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '' };
  return { io, out: () => out.join('\n'), err: () => err.join('\n') };
}

async function seeded() {
  const temp = await tempStore();
  dir = temp.dir;
  await temp.store.close();
  const store = await openStore(temp.url);
  const clock = fixedClock('2025-03-04T01:00:00.000Z');
  const services = createServices({ store, clock });
  await services.postings.add('local', {
    company: 'Toss',
    role: 'backend',
    url: 'https://toss.im/career/1',
    requirements: '- Java, Spring Boot 3년 이상\n- MySQL',
  });
  await store.close();
  return temp.url;
}

describe('role-radar digest preview', () => {
  it('prints the digest of the local guild at --now, as text and as JSON', async () => {
    const url = await seeded();
    const text = memoryIo();
    expect(
      await main(
        ['digest', 'preview', '--store', url, '--now', '2025-03-05T00:00:00Z', '--lang', 'en'],
        text.io,
      ),
    ).toBe(0);
    expect(text.out()).toContain('== Weekly digest · 2025-W10 ==');
    expect(text.out()).toContain('Toss (https://toss.im/career/1)');

    const json = memoryIo();
    expect(
      await main(['digest', 'preview', '--store', url, '--now', '2025-03-05T00:00:00Z', '--json'], json.io),
    ).toBe(0);
    const model = JSON.parse(json.out());
    expect(model).toMatchObject({ guildId: 'local', week: '2025-W10', newPostings: 1 });
    expect(model.roles[0].top.map((s: { id: string }) => s.id)).toContain('java');

    const quiet = memoryIo();
    await main(
      ['digest', 'preview', '--store', url, '--now', '2025-03-20T00:00:00Z', '--lang', 'ko'],
      quiet.io,
    );
    expect(quiet.out()).toMatch(/^조용한 한 주/);
  });

  it('refuses a --now that is not a time', async () => {
    const url = await seeded();
    const io = memoryIo();
    expect(await main(['digest', 'preview', '--store', url, '--now', 'yesterday'], io.io)).toBe(1);
    expect(io.err()).toContain('now');
  });

  it('runs through the real bin', async () => {
    const url = await seeded();
    const result = await runCli([
      'digest',
      'preview',
      '--store',
      url,
      '--now',
      '2025-03-05T00:00:00Z',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ week: '2025-W10', newPostings: 1 });
  });
});
