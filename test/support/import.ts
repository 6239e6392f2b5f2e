import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ImportDeps, ParsedPosting } from '../../src/services/import';
import { createRoleDirectory } from '../../src/services/roles';

/** A small role table for import and export tests, independent of data/roles.json. */
export const importRoles = createRoleDirectory({
  roles: [
    {
      id: 'backend',
      label: { en: 'Backend', ko: '백엔드' },
      aliases: ['백엔드', '백엔드 개발자', '서버', '서버/백엔드', 'server', 'back-end', 'backend developer'],
    },
    {
      id: 'frontend',
      label: { en: 'Frontend', ko: '프론트엔드' },
      aliases: ['프론트엔드', '프론트', 'front-end'],
    },
    {
      id: 'data-engineer',
      label: { en: 'Data engineer', ko: '데이터 엔지니어' },
      aliases: ['데이터 엔지니어', 'data engineer'],
    },
    { id: 'devops', label: { en: 'DevOps', ko: '데브옵스' }, aliases: ['devops', 'mlops', 'sre'] },
    {
      id: 'game-client',
      label: { en: 'Game client', ko: '게임 클라이언트' },
      aliases: ['게임 클라이언트', '게임 클라이언트 개발자', 'game client'],
    },
    {
      id: 'ai-ml',
      label: { en: 'AI / ML', ko: 'AI 엔지니어' },
      aliases: ['ai', 'computer vision', '컴퓨터 비전', 'vision', '머신러닝'],
    },
  ],
});

export const resolveRole = (text: string) => importRoles.resolve(text)?.id;

/** An import into a server that has no postings yet. */
export const emptyServer: ImportDeps = { resolveRole, findByUrl: async () => undefined };

export const importFixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url)));

/** Lines from make(i) until the text is just under 1 MB of UTF-8: a hostile upload at the size limit. */
export function megabyte(make: (i: number) => string): string {
  const MB = 1024 * 1024;
  const parts: string[] = [];
  let bytes = 0;
  for (let i = 0; ; i++) {
    const line = make(i);
    const size = Buffer.byteLength(line);
    if (bytes + size > MB) break;
    parts.push(line);
    bytes += size;
  }
  return parts.join('');
}

/** What a parsed posting says, in the fields the import tests compare. */
export const postingShape = (p: ParsedPosting) => ({
  company: p.company,
  ...(p.title ? { title: p.title } : {}),
  ...(p.url ? { url: p.url } : {}),
  required: p.required,
  preferred: p.preferred,
});

/** The first of a posting's role candidates the small role table knows. */
export const firstKnownRole = (p: ParsedPosting) =>
  p.roleCandidates.map(resolveRole).find((id) => id !== undefined);
