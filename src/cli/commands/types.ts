import type { Locale, MessageKey, Translate } from '../../i18n';
import type { OptionSpec } from '../args';
import type { TerminalStyle } from '../render';
import type { Io } from '../runtime';

export interface CliArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
  guild: string;
  store?: string;
  json: boolean;
  locale: Locale;
  t: Translate;
  /** How stdout shows replies: colour on a terminal, the reader's language. */
  style: TerminalStyle;
}

/** One `role-radar <name>` command. Registered (lazily) in ../registry.ts. */
export interface CliCommand {
  name: string;
  /** One line of what it does, for `role-radar help`. */
  about: MessageKey;
  /** What follows the name, in the reader's language: `<role> [--section both|required|preferred]`. */
  syntax(t: Translate, locale: Locale): string;
  /** Flags besides the global ones; each is described by `cli.flag.<name>` in the catalog. */
  flags: OptionSpec;
  /** Words after the name it takes at most; more is a mistake. Unlimited when absent. */
  maxPositionals?: number;
  /** Long output goes through a pager on a terminal. */
  pages?: boolean;
  run(args: CliArgs, io: Io): Promise<number>;
}
