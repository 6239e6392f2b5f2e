import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { type RoleTable, roleTableSchema, type Taxonomy, taxonomySchema } from './schema';

export const DATA_DIR = fileURLToPath(new URL('../../../data/', import.meta.url));

export function loadJson<T extends z.ZodType>(path: string, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid data file ${path}:\n  ${issues.join('\n  ')}`);
  }
  return parsed.data;
}

export function loadTaxonomy(path = `${DATA_DIR}skills.json`): Taxonomy {
  return loadJson(path, taxonomySchema);
}

export function loadRoles(path = `${DATA_DIR}roles.json`): RoleTable {
  return loadJson(path, roleTableSchema);
}
