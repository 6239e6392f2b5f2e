import { stripVTControlCharacters } from 'node:util';
import { choiceSetOf } from '../../src/commands/shared/options';
import type { Command } from '../../src/commands/types';
import { loadRoles, loadTaxonomy } from '../../src/services/taxonomy/load';

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/;

/** Lines of English output that hold Hangul. */
export function linesWithHangul(text: string): string[] {
  return stripVTControlCharacters(text)
    .split('\n')
    .filter((line) => HANGUL.test(line));
}

/**
 * Names that stay as they are in Korean text: products and formats, what is typed (commands, options,
 * flags, choice words, environment variables), and the technologies of the taxonomy.
 */
const TECHNOLOGY = [
  'Role Radar',
  'role-radar',
  'Discord',
  'Markdown',
  'CSV',
  'JSON',
  'PNG',
  'IANA',
  'UTF-8',
  'URL',
  'ID',
  'ISO',
  'KB',
  'MB',
  'Ctrl',
  'Tab',
  'Enter',
  'Asia',
  'Seoul',
  'https',
  'http',
  'sqlite',
  'md',
  'txt',
  'ko',
  'en',
  'local',
  // LOG_LEVEL's values
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

const words = (text: string) => text.match(/[A-Za-z][A-Za-z'’]*/g) ?? [];

/** Every word a Korean text may hold in Latin letters, for a registry of commands. */
export function allowedInKorean(commands: readonly Command[], extra: readonly string[] = []): Set<string> {
  const allowed = new Set<string>();
  const add = (text: string | number | undefined | null) => {
    for (const w of words(String(text ?? ''))) allowed.add(w.toLowerCase());
  };
  for (const name of [...TECHNOLOGY, ...extra]) add(name);
  const taxonomy = loadTaxonomy();
  for (const skill of taxonomy.skills) {
    add(skill.label);
    add(skill.labelKo);
    for (const alias of skill.aliases) add(alias);
    for (const alias of skill.contextAliases ?? []) add(alias);
  }
  for (const role of loadRoles().roles) add(role.id);
  const walk = (options: readonly Record<string, unknown>[] | undefined) => {
    for (const option of options ?? []) {
      add(option.name as string);
      const choices = option.choices as { value: string | number }[] | undefined;
      for (const choice of choices ?? []) add(choice.value);
      const set = choiceSetOf(choices);
      for (const c of set?.list ?? []) for (const w of [...c.words.en, ...c.words.ko]) add(w);
      walk(option.options as Record<string, unknown>[] | undefined);
    }
  };
  for (const command of commands) {
    add(command.data.name);
    walk(command.data.options as unknown as Record<string, unknown>[]);
  }
  return allowed;
}

/**
 * Latin-letter words of a Korean text that are not allowed there. What is code by its shape is left out:
 * `backticks`, links, /commands, --flags, ENV_NAMES, file names, key:value syntax, {placeholders}.
 */
export function englishWordsIn(text: string, allowed: Set<string>): string[] {
  const cleaned = stripVTControlCharacters(text)
    .replace(/`[^`]*`/g, ' ')
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S*/gi, ' ')
    .replace(/<t:-?\d+(?::\w)?>/g, ' ')
    .replace(/(^|[\s([|])--?[\w-]+/g, ' ')
    .replace(/(^|[\s([|])\/[\w/-]+/g, ' ')
    .replace(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g, ' ')
    .replace(/[\p{L}\w-]+\.(?:md|txt|csv|json|sqlite|ts|mjs|png)\b/gu, ' ')
    .replace(/\{\w+\}/g, ' ');
  return words(cleaned).filter((w) => w.length > 1 && !allowed.has(w.toLowerCase()));
}
