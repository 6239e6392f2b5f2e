import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { compilePattern, PatternError } from '../normalize/phrases';
import { phraseRulesSchema, type RoleTable, roleTableSchema, type Taxonomy, taxonomySchema } from './schema';

export const DATA_DIR = fileURLToPath(new URL('../../../data/', import.meta.url));

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as Error).message}`);
  }
}

export function loadJson<T extends z.ZodType>(
  path: string,
  schema: T,
  raw: unknown = readJson(path),
): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid data file ${path}:\n  ${issues.join('\n  ')}`);
  }
  return parsed.data;
}

const DEFAULT_SKILLS = `${DATA_DIR}skills.json`;
const DEFAULT_RULES = `${DATA_DIR}concepts.json`;

/**
 * The skill taxonomy with its phrase rules. The default files are data/skills.json and
 * data/concepts.json; a taxonomy read from another path has no phrase rules unless given a rules path.
 */
export function loadTaxonomy(
  path = DEFAULT_SKILLS,
  rulesPath = path === DEFAULT_SKILLS ? DEFAULT_RULES : undefined,
): Taxonomy {
  const raw = readJson(path);
  if (rulesPath === undefined) return loadJson(path, taxonomySchema, raw);
  const rules = loadJson(rulesPath, phraseRulesSchema);
  const version = (raw as { version?: unknown } | null)?.version;
  if (rules.version !== version) {
    throw new Error(
      `invalid data file ${rulesPath}:\n  version: ${rules.version} is not the taxonomy's (${String(version)}); bump both together`,
    );
  }
  const problems: string[] = [];
  rules.rules.forEach((rule, i) => {
    for (const [key, list] of [
      ['patterns', rule.patterns],
      ['stops', rule.stops],
    ] as const) {
      list.forEach((pattern, j) => {
        try {
          compilePattern(pattern, rules.words);
        } catch (error) {
          if (!(error instanceof PatternError)) throw error;
          problems.push(`rules.${i}.${key}.${j}: ${error.message}`);
        }
      });
    }
  });
  if (problems.length > 0)
    throw new Error(`invalid data file ${rulesPath}:\n  ${problems.slice(0, 5).join('\n  ')}`);
  return loadJson(path, taxonomySchema, {
    ...(raw as object),
    phraseRules: rules.rules,
    phraseWords: rules.words,
  });
}

export function loadRoles(path = `${DATA_DIR}roles.json`): RoleTable {
  return loadJson(path, roleTableSchema);
}
