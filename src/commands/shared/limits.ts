import type { APIEmbed } from 'discord-api-types/v10';

/** Discord's message limits: going over any of them makes the whole reply fail. */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  modalTitle: 45,
  modalLabel: 45,
  buttonLabel: 80,
  selectOptions: 25,
  selectLabel: 100,
  selectPlaceholder: 150,
} as const;

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Joins lines until the next one would not fit, then says how many were left out. */
export function joinLines(lines: string[], max: number, more: (count: number) => string): string {
  let out = '';
  for (const [i, line] of lines.entries()) {
    const next = out ? `${out}\n${line}` : line;
    const tail = i < lines.length - 1 ? `\n${more(lines.length - i - 1)}` : '';
    if (next.length + tail.length > max) {
      const note = more(lines.length - i);
      return out ? truncate(`${out}\n${note}`, max) : truncate(note, max);
    }
    out = next;
  }
  return out;
}

export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/** Cuts an embed down to Discord's limits: each part to its own limit, then fields from the end to fit 6000. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title) fitted.title = truncate(fitted.title, LIMITS.title);
  if (fitted.description) fitted.description = truncate(fitted.description, LIMITS.description);
  if (fitted.footer) fitted.footer = { ...fitted.footer, text: truncate(fitted.footer.text, LIMITS.footer) };
  if (fitted.author)
    fitted.author = { ...fitted.author, name: truncate(fitted.author.name, LIMITS.authorName) };
  fitted.fields = (fitted.fields ?? []).slice(0, LIMITS.fields).map((f) => ({
    ...f,
    name: truncate(f.name || '\u200b', LIMITS.fieldName),
    value: truncate(f.value || '\u200b', LIMITS.fieldValue),
  }));
  while (embedLength(fitted) > LIMITS.embedTotal && fitted.fields.length > 0) fitted.fields.pop();
  if (embedLength(fitted) > LIMITS.embedTotal && fitted.description) {
    const over = embedLength(fitted) - LIMITS.embedTotal;
    fitted.description = truncate(fitted.description, Math.max(1, fitted.description.length - over));
  }
  if (fitted.fields.length === 0) delete fitted.fields;
  return fitted;
}
