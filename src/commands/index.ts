import { addPosting } from './add-posting';
import { compare } from './compare';
import { digest } from './digest';
import { exportCommand } from './export';
import { createHelp } from './help';
import { importCommand } from './import';
import { match } from './match';
import { postings } from './postings';
import { profile } from './profile';
import { skill } from './skill';
import { summary } from './summary';
import { trends } from './trends';
import type { Command } from './types';

const help = createHelp(() => commands);

/**
 * Every command the bot has. The Discord router, the deploy script, the console, the command line and /help
 * all read this list: a command added here is typed, completed, checked and described everywhere.
 */
export const commands: readonly Command[] = [
  help,
  addPosting,
  summary,
  profile,
  match,
  trends,
  compare,
  skill,
  postings,
  importCommand,
  exportCommand,
  digest,
];

export const commandByName = new Map(commands.map((command) => [command.data.name, command]));

/** The command a button or modal belongs to, from its custom id (`postings:page:2:…`). */
export const commandForCustomId = (customId: string) => commandByName.get(customId.split(':')[0] ?? '');
