import type { CliCommand } from './commands/types';

/** A `role-radar <name>` command, loaded only when it runs (so `normalize` never loads a store or discord.js). */
export interface CliEntry {
  name: string;
  load(): Promise<CliCommand>;
}

/**
 * The command line's own commands. Every slash command of src/commands/index.ts runs from the shell as well
 * (`role-radar digest status`), through the same parser as the console: only commands that do more than the
 * slash command (files, --json, no store) or have none (the store's own upkeep) need an entry here.
 */
export const CLI_COMMANDS: readonly CliEntry[] = [
  { name: 'normalize', load: async () => (await import('./commands/normalize')).normalizeCommand },
  { name: 'add', load: async () => (await import('./commands/postings')).addCommand },
  { name: 'summary', load: async () => (await import('./commands/postings')).summaryCommand },
  { name: 'profile', load: async () => (await import('./commands/radar')).profileCommand },
  { name: 'match', load: async () => (await import('./commands/radar')).matchCommand },
  { name: 'trends', load: async () => (await import('./commands/radar')).trendsCommand },
  { name: 'compare', load: async () => (await import('./commands/radar')).compareCommand },
  { name: 'skill', load: async () => (await import('./commands/radar')).skillCommand },
  { name: 'postings', load: async () => (await import('./commands/postings')).listCommand },
  { name: 'show', load: async () => (await import('./commands/postings')).showCommand },
  { name: 'remove', load: async () => (await import('./commands/postings')).removeCommand },
  { name: 'import', load: async () => (await import('./commands/import-export')).importCommand },
  { name: 'export', load: async () => (await import('./commands/import-export')).exportCommand },
  { name: 'digest', load: async () => (await import('./commands/digest')).digestCommand },
  { name: 'deploy-commands', load: async () => (await import('./commands/deploy')).deployCommand },
  { name: 'doctor', load: async () => (await import('./commands/store')).doctorCommand },
  { name: 'backup', load: async () => (await import('./commands/store')).backupCommand },
  { name: 'restore', load: async () => (await import('./commands/store')).restoreCommand },
];
