import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
} from 'discord-api-types/v10';
import { localized, type MessageKey } from '../../i18n';

/** A command's or option's description in English, with its Korean localization. */
export function described(key: MessageKey) {
  const d = localized(key);
  return { description: d.en, description_localizations: { ko: d.ko } };
}

/** A name with its Korean localization (`/summary` is `/요약` for Korean clients). */
export const named = (name: string, ko: string) => ({ name, name_localizations: { ko } });

export function subcommand(
  name: string,
  ko: string,
  key: MessageKey,
  options: APIApplicationCommandBasicOption[] = [],
): APIApplicationCommandSubcommandOption {
  return { type: ApplicationCommandOptionType.Subcommand, ...named(name, ko), ...described(key), options };
}
