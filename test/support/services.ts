import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixedClock } from '../../src/services/clock';
import { createServices } from '../../src/services/index';
import type { Normalizer } from '../../src/services/normalize';
import { openStore } from '../../src/services/store/repository';
import { loadRoles, loadTaxonomy } from '../../src/services/taxonomy/load';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
export const miniTaxonomy = () => loadTaxonomy(fixture('mini-taxonomy.json'));
export const miniRoles = () => loadRoles(fixture('mini-roles.json'));

/** A fresh SQLite file in a temp dir; remove() closes the store and deletes the dir. */
export async function tempStore() {
  const dir = mkdtempSync(join(tmpdir(), 'role-radar-'));
  const url = `sqlite://${join(dir, 'test.sqlite')}`;
  const store = await openStore(url);
  return {
    store,
    url,
    dir,
    async remove() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function miniServices(options: { now?: string } = {}) {
  const temp = await tempStore();
  const clock = fixedClock(options.now ?? '2026-11-23T01:00:00.000Z');
  const services = createServices({ store: temp.store, clock, taxonomy: miniTaxonomy(), roles: miniRoles() });
  return { services, clock, temp, cleanup: temp.remove };
}

/** The skill ids a normalizer reads in one requirement item: those it names, or only those they imply. */
export function skillIds(normalizer: Normalizer) {
  const ids = (text: string, implied: boolean, role?: string) =>
    normalizer
      .normalizeItem(text, 'required', role)
      .skills.filter((s) => Boolean(s.implied) === implied)
      .map((s) => s.id);
  return {
    named: (text: string, role?: string) => ids(text, false, role),
    implied: (text: string) => ids(text, true),
  };
}
