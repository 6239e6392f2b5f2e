import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchForm } from '../src/services/normalize/text';
import { DATA_DIR, loadRoles, loadTaxonomy } from '../src/services/taxonomy/load';
import { CATEGORY_IDS, roleTableSchema, taxonomySchema } from '../src/services/taxonomy/schema';

const readJson = (name: string): unknown => JSON.parse(readFileSync(`${DATA_DIR}${name}`, 'utf8'));
/** How roles.ts compares role names: match form without spaces, hyphens, slashes and dots. */
const roleKey = (text: string) => matchForm(text).replace(/[\s\-_/·.]+/g, '');

describe('data/skills.json', () => {
  const taxonomy = loadTaxonomy();

  it('parses with the taxonomy schema', () => {
    const parsed = taxonomySchema.safeParse(readJson('skills.json'));
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 5))).toBe(true);
  });

  it('has a date-like version', () => {
    expect(taxonomy.version).toMatch(/^\d{4}-\d{2}-\d{2}(?:\.\d+)?$/);
  });

  it('has at least 300 skills', () => {
    expect(taxonomy.skills.length).toBeGreaterThanOrEqual(300);
  });

  it('labels every category and puts skills in each', () => {
    for (const id of CATEGORY_IDS) {
      expect(taxonomy.categories[id], `category ${id} has no label`).toBeDefined();
      expect(
        taxonomy.skills.some((s) => s.category === id),
        `category ${id} has no skills`,
      ).toBe(true);
    }
  });

  it('has unique group ids, each with members', () => {
    const ids = taxonomy.groups.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    const members = new Map<string, number>();
    for (const skill of taxonomy.skills) {
      for (const group of skill.groups) members.set(group, (members.get(group) ?? 0) + 1);
    }
    const empty = ids.filter((id) => !members.has(id));
    expect(empty, `groups without members: ${empty.join(', ')}`).toEqual([]);
  });

  it('references only known skills and groups, without self or circular implications', () => {
    const skills = new Map(taxonomy.skills.map((s) => [s.id, s]));
    const groups = new Set(taxonomy.groups.map((g) => g.id));
    const problems: string[] = [];
    for (const skill of taxonomy.skills) {
      for (const group of skill.groups)
        if (!groups.has(group)) problems.push(`${skill.id}: unknown group ${group}`);
      for (const implied of skill.implies) {
        if (!skills.has(implied)) problems.push(`${skill.id}: implies unknown ${implied}`);
        if (implied === skill.id) problems.push(`${skill.id}: implies itself`);
      }
    }
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (id: string, path: string[]) => {
      if (done.has(id)) return;
      if (visiting.has(id)) {
        problems.push(`circular implication: ${[...path, id].join(' ⇒ ')}`);
        return;
      }
      visiting.add(id);
      for (const next of skills.get(id)?.implies ?? []) visit(next, [...path, id]);
      visiting.delete(id);
      done.add(id);
    };
    for (const skill of taxonomy.skills) visit(skill.id, []);
    expect(problems).toEqual([]);
  });

  it('maps no alias to two skills (aliases and context aliases, in match form)', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const skill of taxonomy.skills) {
      for (const alias of [...skill.aliases, ...skill.contextAliases]) {
        const key = matchForm(alias);
        expect(key, `${skill.id}: alias "${alias}" is empty in match form`).not.toBe('');
        const previous = owner.get(key);
        if (previous !== undefined && previous !== skill.id)
          clashes.push(`"${alias}": ${previous} and ${skill.id}`);
        owner.set(key, skill.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('gives every skill a kebab id, a label and at least one alias', () => {
    const ids = taxonomy.skills.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const skill of taxonomy.skills) {
      expect(skill.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(skill.label.trim()).not.toBe('');
      expect(skill.aliases.length).toBeGreaterThan(0);
    }
  });

  it('keeps names that are ordinary words out of the plain aliases', () => {
    // These are matched only as context aliases (case-sensitive, with another skill beside them).
    const words = ['go', 'c', 'r', 'swift', 'spring', 'rails', 'express', 'nest', 'node', 'echo', 'lambda'];
    const plain = new Set(taxonomy.skills.flatMap((s) => s.aliases.map((a) => matchForm(a))));
    expect(words.filter((w) => plain.has(w))).toEqual([]);
  });
});

describe('data/roles.json', () => {
  const roles = loadRoles();

  it('parses with the role table schema', () => {
    const parsed = roleTableSchema.safeParse(readJson('roles.json'));
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 5))).toBe(true);
  });

  it('has the roles postings are filed under', () => {
    const ids = roles.roles.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'backend',
      'frontend',
      'fullstack',
      'data-engineer',
      'ai-ml',
      'devops',
      'mobile',
      'game',
      'embedded',
      'qa',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('maps no alias or label to two roles', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const role of roles.roles) {
      for (const name of [role.id, role.label.en, role.label.ko, ...role.aliases]) {
        const key = roleKey(name);
        expect(key, `${role.id}: "${name}" is empty`).not.toBe('');
        const previous = owner.get(key);
        if (previous !== undefined && previous !== role.id)
          clashes.push(`"${name}": ${previous} and ${role.id}`);
        owner.set(key, role.id);
      }
    }
    expect(clashes).toEqual([]);
  });
});
