import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { docsSchema, loadDocs, loadMatchRules } from '../../src/services/radar/data';
import { loadTaxonomy } from '../../src/services/taxonomy/load';
import { skillKind } from '../../src/services/taxonomy/schema';

const taxonomy = loadTaxonomy();
const skills = new Set(taxonomy.skills.map((s) => s.id));
const groups = new Set(taxonomy.groups.map((g) => g.id));
const TECHNOLOGY = new Set([
  'language',
  'framework',
  'library',
  'database',
  'cloud',
  'devops',
  'testing',
  'tool',
  'platform',
]);

/** Hosts of blogs, courses and Q&A: never "official documentation". */
const NOT_OFFICIAL =
  /(^|\.)(medium\.com|velog\.io|tistory\.com|dev\.to|wikipedia\.org|w3schools\.com|geeksforgeeks\.org|tutorialspoint\.com|stackoverflow\.com|inflearn\.com|udemy\.com|youtube\.com|naver\.com|brunch\.co\.kr)$/;

describe('data/docs.json', () => {
  const { docs } = loadDocs();

  it('links taxonomy skills to https documentation, none of it a blog or a course', () => {
    expect(Object.keys(docs).length).toBeGreaterThanOrEqual(150);
    for (const [id, url] of Object.entries(docs)) {
      expect(skills.has(id), id).toBe(true);
      const host = new URL(url).hostname;
      expect(NOT_OFFICIAL.test(host), `${id}: ${host}`).toBe(false);
      expect(url, id).not.toMatch(/[()\s<>]/);
    }
  });

  it('covers the technologies the labeled postings name most', () => {
    const labeled = JSON.parse(
      readFileSync(fileURLToPath(new URL('../fixtures/labeled/postings.json', import.meta.url)), 'utf8'),
    ) as { expected: string[] }[];
    const counts = new Map<string, number>();
    for (const p of labeled) for (const id of new Set(p.expected)) counts.set(id, (counts.get(id) ?? 0) + 1);
    // Concrete technologies named in at least two postings; concepts (monitoring, big data) have no one docs.
    const concrete = taxonomy.skills.filter(
      (s) =>
        TECHNOLOGY.has(s.category) &&
        skillKind(s) === 'named' &&
        (counts.get(s.id) ?? 0) >= 2 &&
        s.aliases.length + s.contextAliases.length > 0,
    );
    const concepts = new Set([
      'monitoring',
      'rdbms',
      'cloud-computing',
      'data-pipeline',
      'big-data',
      'infrastructure',
      'was',
      'sql',
      'stream-processing',
      'data-governance',
      'mlops',
      'embedded',
      'rtos',
      'mcu',
      'embedded-linux',
      'hardware-debugging',
      'containerization',
      'gpu',
      'model-serving',
      'model-optimization',
      'data-warehouse',
      'etl',
      'cdc',
      'paas-hosting',
      'load-balancing',
      'collaboration-tools',
      'bug-tracking',
      'test-case-design',
      'game-network',
      'dsp',
      'appium',
      'test-code',
      'unit-testing',
      'integration-testing',
      'e2e-testing',
      'test-automation',
      'load-testing',
      'quality-assurance',
    ]);
    const missing = concrete.filter((s) => !concepts.has(s.id) && !docs[s.id]).map((s) => s.id);
    expect(missing).toEqual([]);
  });

  it('refuses a link that is not https', () => {
    expect(docsSchema.safeParse({ version: 1, docs: { python: 'http://docs.python.org/' } }).success).toBe(
      false,
    );
    expect(docsSchema.safeParse({ version: 1, docs: { python: 'javascript:alert(1)' } }).success).toBe(false);
  });
});

describe('data/match.json', () => {
  it('names only groups and skills the taxonomy has', () => {
    const rules = loadMatchRules();
    for (const g of rules.interchangeableGroups) expect(groups.has(g), g).toBe(true);
    for (const [id, of] of Object.entries(rules.genericSkills)) {
      expect(skills.has(id), id).toBe(true);
      for (const g of of) expect(groups.has(g), `${id}: ${g}`).toBe(true);
    }
    for (const [id, withSkills] of Object.entries(rules.includedWith)) {
      expect(skills.has(id), id).toBe(true);
      for (const w of withSkills) expect(skills.has(w), `${id}: ${w}`).toBe(true);
    }
  });
});
