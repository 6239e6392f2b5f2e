import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import sqlite3 from 'sqlite3';
import type { Services } from '../src/services';
import type { Posting } from '../src/services/postings/schema';
import { applyPosting, emptyAggregate } from '../src/services/summary/aggregate';
import { type RoleSummary, summarize } from '../src/services/summary/index';
import type { Taxonomy } from '../src/services/taxonomy/schema';

/**
 * The same summary a simple bot would answer: read every posting of the server, keep the role's, count.
 * Counting reuses the project's own per-posting contribution, so only the reading differs.
 */
function summaryOf(postings: Iterable<Posting>, services: Services, roleId: string): RoleSummary {
  const aggregate = emptyAggregate(roleId, services.normalizer.version);
  const companies = new Set<string>();
  for (const posting of postings) {
    if (posting.roleId !== roleId) continue;
    applyPosting(aggregate, posting, services.normalizer, 1);
    companies.add(posting.company.trim().toLowerCase());
  }
  aggregate.companies = companies.size;
  return summarize(aggregate, services.normalizer, services.roles);
}

const postingPrefix = (guildId: string) => `guild:${guildId}:posting:`;

/** One SQL query for all of the server's postings, each row's JSON parsed. */
export async function naiveSqlSummary(path: string, services: Services, guildId: string, roleId: string) {
  const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY);
  try {
    const prefix = postingPrefix(guildId);
    const rows = await new Promise<{ value: string }[]>((resolve, reject) =>
      db.all(
        'SELECT value FROM keyv WHERE key >= ? AND key < ?',
        [prefix, `${prefix}\uffff`],
        (error: Error | null, result: { value: string }[]) => (error ? reject(error) : resolve(result)),
      ),
    );
    const postings = rows.map((row) => (JSON.parse(row.value) as { value: Posting }).value);
    return summaryOf(postings, services, roleId);
  } finally {
    await new Promise((resolve) => db.close(resolve));
  }
}

/**
 * Keyv's own `iterator()` over the server's posting namespace. @keyv/sqlite pages with LIMIT/OFFSET; its
 * default page of 10 rows makes 100k postings take hours, so this reads 1,000 rows a page.
 */
export async function naiveIteratorSummary(
  path: string,
  services: Services,
  guildId: string,
  roleId: string,
) {
  const store = new KeyvSqlite({ uri: `sqlite://${path}`, table: 'keyv', iterationLimit: 1000 });
  const keyv = new Keyv<Posting>({ store, namespace: postingPrefix(guildId).slice(0, -1) });
  try {
    const postings: Posting[] = [];
    if (!keyv.iterator) throw new Error('this Keyv store cannot iterate');
    for await (const [, posting] of keyv.iterator(undefined)) postings.push(posting as Posting);
    return summaryOf(postings, services, roleId);
  } finally {
    await keyv.disconnect();
  }
}

/**
 * A dictionary matcher over the same taxonomy: every alias (and every case-sensitive name, case-folded too)
 * looked up in the lower-cased text. No word boundaries, no context, no phrase rules.
 */
export function naiveMatcher(taxonomy: Taxonomy) {
  const entries: [alias: string, id: string][] = [];
  for (const skill of taxonomy.skills) {
    for (const alias of [skill.label, ...skill.aliases, ...skill.contextAliases])
      entries.push([alias.toLowerCase(), skill.id]);
  }
  return (text: string): Set<string> => {
    const lower = text.toLowerCase();
    const found = new Set<string>();
    for (const [alias, id] of entries) if (lower.includes(alias)) found.add(id);
    return found;
  };
}
