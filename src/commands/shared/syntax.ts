import { type APIApplicationCommandBasicOption, ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Locale } from '../../i18n';
import { choiceSetOf } from './options';

export const localName = (
  o: { name: string; name_localizations?: Partial<Record<string, string | null>> | null },
  locale: Locale,
) => (locale === 'ko' ? (o.name_localizations?.ko ?? o.name) : o.name);

/** The words an option takes, as help shows them: `both|required|preferred`, or none for free text. */
export function optionWords(option: APIApplicationCommandBasicOption, locale: Locale): string[] {
  if (!('choices' in option) || !option.choices) return [];
  const set = choiceSetOf(option.choices);
  return set ? set.words(locale) : option.choices.map((c) => String(c.value));
}

/** One option as typed in the console: `<role>` when required (given in order), `[section:both|required]`. */
export function optionSyntax(option: APIApplicationCommandBasicOption, locale: Locale): string {
  const name = localName(option, locale);
  const words = optionWords(option, locale);
  const hint = option.type === ApplicationCommandOptionType.Attachment ? '…' : words.join('|') || '…';
  return option.required ? `<${name}>` : `[${name}:${hint}]`;
}
