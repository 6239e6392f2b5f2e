/**
 * A separate OS process working on one store, for the multi-process and crash tests:
 *   add <storeUrl> <guild> <count> <tag>   adds <count> postings, one unit each; prints their ids as JSON
 *   crash <storeUrl> <guild> <dir>         imports a document, adds a few postings, again and again, until
 *                                          killed; prints IMPORT/IMPORTED/ACK lines as each step returns
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServices } from '../../src/services/index';
import { openStore } from '../../src/services/store/repository';

const ROLES = ['backend', 'frontend', 'devops'];
const LINES = [
  'Python 3년 이상',
  'Java, Spring Boot',
  'AWS 운영 경험',
  'React, TypeScript',
  'Docker, Kubernetes',
];

export const posting = (tag: string, i: number) => ({
  company: `Company ${tag}-${i % 7}`,
  role: ROLES[i % ROLES.length] ?? 'backend',
  url: `https://jobs.example/${tag}/${i}`,
  requirements: `- ${LINES[i % LINES.length]}\n- ${LINES[(i + 2) % LINES.length]}`,
  preferred: `- ${LINES[(i + 1) % LINES.length]}`,
  submittedBy: `worker-${tag}`,
});

/** A research note in the genre, with `count` postings whose links are unique to (tag, round). */
export function researchNote(tag: string, round: number, count: number): string {
  const parts = [`# 백엔드 공고 정리 ${tag}-${round}`, ''];
  for (let i = 0; i < count; i++) {
    parts.push(
      `### 회사${round}x${i} - 백엔드 개발자`,
      '',
      `- 링크: https://notes.example/${tag}/${round}/${i}`,
      '- 자격요건',
      `  - ${LINES[i % LINES.length]}`,
      `  - ${LINES[(i + 3) % LINES.length]}`,
      '- 우대사항',
      `  - ${LINES[(i + 1) % LINES.length]}`,
      '',
    );
  }
  return parts.join('\n');
}

async function main() {
  const [mode, url, guild, ...rest] = process.argv.slice(2);
  if (!url || !guild) throw new Error('usage: store-worker add|crash <url> <guild> …');
  const store = await openStore(url);
  const services = createServices({ store });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  if (mode === 'add') {
    const [count, tag] = rest;
    const ids: number[] = [];
    for (let i = 0; i < Number(count); i++)
      ids.push((await services.postings.add(guild, posting(tag ?? 'x', i))).id);
    say(JSON.stringify(ids));
    await store.close();
    return;
  }
  if (mode === 'crash') {
    const [dir, perImport = '120', startRound = '0'] = rest;
    for (let round = Number(startRound); ; round++) {
      const path = join(dir ?? '.', `note-${round}.md`);
      writeFileSync(path, researchNote('crash', round, Number(perImport)));
      say(`IMPORT ${round} ${path}`);
      const plan = await services.imports.preview(guild, researchNote('crash', round, Number(perImport)));
      say(`COMMIT ${round}`);
      const started = performance.now();
      const { added } = await services.imports.commit(guild, plan, path);
      say(
        `IMPORTED ${round} ${added[0]?.id} ${added.at(-1)?.id} ${(performance.now() - started).toFixed(1)}`,
      );
      for (let i = 0; i < 3; i++) {
        const p = await services.postings.add(guild, posting(`crash-${round}`, i));
        say(`ACK ${p.id} ${p.url}`);
      }
    }
  }
  throw new Error(`unknown mode ${mode}`);
}

if (process.argv[1]?.endsWith('store-worker.ts')) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(2);
  });
}
