import type { Locale } from '../../i18n';
import type { OptionSpec } from '../args';
import type { Io } from '../runtime';

export interface CliArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
  guild: string;
  store?: string;
  json: boolean;
  locale: Locale;
}

export interface CliCommand {
  name: string;
  usage: string;
  options: OptionSpec;
  run(args: CliArgs, io: Io): Promise<number>;
}
