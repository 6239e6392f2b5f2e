import { matchForm } from './normalize/text';
import type { Role, RoleTable } from './taxonomy/schema';

export interface RoleDirectory {
  readonly all: readonly Role[];
  get(id: string): Role | undefined;
  /** The role a free text names: `백엔드`, `Back - End`, `Backend Python Developer`, `backend`. */
  resolve(text: string): Role | undefined;
  /** Roles whose id, labels or aliases contain the query, best first (for autocomplete). */
  search(query: string, limit?: number): Role[];
  label(id: string, locale: 'en' | 'ko'): string;
}

const compact = (text: string) => matchForm(text).replace(/[\s\-_/·.]+/g, '');

export function createRoleDirectory(table: RoleTable): RoleDirectory {
  const byId = new Map(table.roles.map((role) => [role.id, role]));
  const byAlias = new Map<string, Role>();
  const names = (role: Role) => [role.id, role.label.en, role.label.ko, ...role.aliases];
  for (const role of table.roles) {
    for (const name of names(role)) {
      const key = compact(name);
      if (key && !byAlias.has(key)) byAlias.set(key, role);
    }
  }

  const resolveWords = (text: string): Role | undefined => {
    const words = matchForm(text)
      .split(/[\s/,()[\]|:·]+/)
      .filter(Boolean);
    // Longer spans first: "data engineer" before "data", "game client" before "game".
    for (let span = Math.min(3, words.length); span >= 1; span--) {
      for (let i = 0; i + span <= words.length; i++) {
        const role = byAlias.get(compact(words.slice(i, i + span).join(' ')));
        if (role) return role;
      }
    }
    return undefined;
  };

  return {
    all: table.roles,
    get: (id) => byId.get(id),
    resolve(text) {
      const key = compact(text);
      if (!key) return undefined;
      return byAlias.get(key) ?? resolveWords(text);
    },
    search(query, limit = 25) {
      const key = compact(query);
      if (!key) return table.roles.slice(0, limit);
      const scored: { role: Role; score: number }[] = [];
      for (const role of table.roles) {
        let score = 0;
        for (const name of names(role)) {
          const n = compact(name);
          if (n === key) score = Math.max(score, 3);
          else if (n.startsWith(key)) score = Math.max(score, 2);
          else if (n.includes(key)) score = Math.max(score, 1);
        }
        if (score > 0) scored.push({ role, score });
      }
      return scored
        .sort((a, b) => b.score - a.score)
        .slice(0, limit)
        .map((s) => s.role);
    },
    label: (id, locale) => byId.get(id)?.label[locale] ?? id,
  };
}
