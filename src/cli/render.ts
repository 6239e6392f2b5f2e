import type { APIEmbed } from 'discord-api-types/v10';
import type { Reply } from '../commands/types';

/** An escaped character (kept, without its backslash), or emphasis and code marks (dropped). */
const MARKUP = /\\([\\`*_~|>#[\]()@-])|\*\*|__|~~|`/g;
const LINK = /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g;

/** Discord Markdown as plain terminal text: escapes undone, links spelled out, emphasis dropped. */
export function plain(text: string): string {
  return text
    .replace(LINK, '$1 <$2>')
    .replace(MARKUP, (_match, escaped: string | undefined) => escaped ?? '')
    .replace(/\u200b/g, '');
}

function renderEmbed(embed: APIEmbed): string {
  const lines: string[] = [];
  if (embed.author?.name) lines.push(plain(embed.author.name));
  if (embed.title) lines.push(`== ${plain(embed.title)} ==`);
  if (embed.url) lines.push(embed.url);
  if (embed.description) lines.push(plain(embed.description));
  for (const field of embed.fields ?? []) {
    lines.push('', `[${plain(field.name)}]`, plain(field.value));
  }
  if (embed.footer?.text) lines.push('', `-- ${plain(embed.footer.text)}`);
  return lines.join('\n');
}

/** A reply as the console shows it. Buttons are numbered; typing the number presses one. */
export function renderReply(reply: Reply): string {
  const parts: string[] = [];
  if (reply.content) parts.push(plain(reply.content));
  for (const embed of reply.embeds ?? []) parts.push(renderEmbed(embed));
  const buttons = buttonsOf(reply);
  if (buttons.length > 0) {
    parts.push(buttons.map((b, i) => (b.disabled ? `(${b.label})` : `[${i + 1}] ${b.label}`)).join('  '));
  }
  for (const file of reply.files ?? []) parts.push(`(file: ${file.name}, ${file.data.length} bytes)`);
  return parts.join('\n\n');
}

export interface ConsoleButton {
  label: string;
  customId: string;
  disabled: boolean;
}

export function buttonsOf(reply: Reply): ConsoleButton[] {
  const buttons: ConsoleButton[] = [];
  for (const row of reply.components ?? []) {
    for (const component of row.components) {
      if ('custom_id' in component && 'label' in component) {
        buttons.push({
          label: component.label ?? '',
          customId: component.custom_id,
          disabled: component.disabled === true,
        });
      }
    }
  }
  return buttons;
}
