import { type APIApplicationCommandBasicOption, ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Locale } from '../i18n';
import { described, named } from './shared/builders';
import { fitEmbed } from './shared/limits';
import { localName, optionSyntax } from './shared/syntax';
import { type Command, type Context, ephemeral } from './types';

const describedIn = (
  o: { description: string; description_localizations?: Partial<Record<string, string | null>> | null },
  locale: Locale,
) => (locale === 'ko' ? o.description_localizations?.ko : undefined) ?? o.description;

/** Each command (and subcommand) with what it does and how its options are typed, from the registry itself. */
export function commandLines(commands: readonly Command[], locale: Locale): string[] {
  const lines: string[] = [];
  for (const command of commands) {
    const name = `/${localName(command.data, locale)}`;
    const options = command.data.options ?? [];
    const subs = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
    if (subs.length === 0) {
      const syntax = (options as APIApplicationCommandBasicOption[])
        .map((o) => `\`${optionSyntax(o, locale)}\``)
        .join(' ');
      lines.push(`**${name}**${syntax ? ` ${syntax}` : ''} — ${describedIn(command.data, locale)}`);
      continue;
    }
    lines.push(`**${name}** — ${describedIn(command.data, locale)}`);
    for (const sub of subs) {
      const syntax = (sub.options ?? []).map((o) => `\`${optionSyntax(o, locale)}\``).join(' ');
      lines.push(
        `  **${name} ${localName(sub, locale)}**${syntax ? ` ${syntax}` : ''} — ${describedIn(sub, locale)}`,
      );
    }
  }
  return lines;
}

/** /help, written from the command registry: new commands appear in it with their option syntax. */
export function createHelp(registry: () => readonly Command[]): Command {
  return {
    data: {
      ...named('help', '도움말'),
      ...described('command.help.description'),
    },
    guildOnly: false,
    async execute(ctx: Context) {
      const parts = [ctx.t('help.intro'), commandLines(registry(), ctx.locale).join('\n')];
      if (ctx.platform.name === 'console') parts.push(ctx.t('help.console'));
      return ephemeral({
        embeds: [fitEmbed({ title: ctx.t('help.title'), description: parts.join('\n\n'), color: 0x5865f2 })],
      });
    },
  };
}
