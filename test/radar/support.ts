import { createNormalizer } from '../../src/services/normalize';
import type { Posting } from '../../src/services/postings/schema';
import { loadDocs, loadMatchRules } from '../../src/services/radar/data';
import { createKnowledge } from '../../src/services/radar/knowledge';
import { type Aggregate, emptyAggregate } from '../../src/services/summary/aggregate';
import { loadTaxonomy } from '../../src/services/taxonomy/load';

export const normalizer = createNormalizer(loadTaxonomy());
export const knowledge = createKnowledge(normalizer, loadMatchRules());
export const docs = loadDocs().docs;
export const deps = { normalizer, knowledge, docs };

type Counts = Record<string, number>;

/**
 * A role's running totals written by hand: skill counts per section; groups, group members and categories
 * are worked out from the taxonomy the way applyPosting would for postings naming one skill per group.
 */
export function handMade(
  roleId: string,
  postings: number,
  required: Counts,
  preferred: Counts = {},
): Aggregate {
  const aggregate = emptyAggregate(roleId, normalizer.version);
  aggregate.postings = postings;
  const add = (map: Counts, key: string, n: number) => {
    map[key] = Math.min(postings, (map[key] ?? 0) + n);
  };
  for (const [section, counts] of [
    ['required', required],
    ['preferred', preferred],
  ] as const) {
    for (const [id, n] of Object.entries(counts)) {
      const skill = normalizer.skill(id);
      if (!skill) throw new Error(`no skill ${id}`);
      aggregate.skills[section][id] = n;
      add(aggregate.skills.either, id, n);
      add(aggregate.categories[section], skill.category, n);
      add(aggregate.categories.either, skill.category, n);
      for (const group of skill.groups) {
        add(aggregate.groups[section], group, n);
        add(aggregate.groups.either, group, n);
        aggregate.groupMembers[group] = aggregate.groupMembers[group] ?? {};
        add(aggregate.groupMembers[group] as Counts, id, n);
      }
    }
  }
  return aggregate;
}

let nextId = 1;
/** A stored posting whose required items each name the given skills (explicitly). */
export function posting(
  roleId: string,
  requiredItems: string[][],
  createdAt = '2026-11-02T01:00:00.000Z',
): Posting {
  return {
    schema: 1,
    id: nextId++,
    company: `Company ${nextId}`,
    roleId,
    requirementsText: '',
    preferredText: '',
    createdAt,
    updatedAt: createdAt,
    taxonomyVersion: normalizer.version,
    items: requiredItems.map((ids) => ({
      text: ids.join(', '),
      section: 'required' as const,
      skills: ids.map((id) => ({ id })),
    })),
  };
}
