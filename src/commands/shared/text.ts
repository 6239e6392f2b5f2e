import { escapeMarkdown } from '@discordjs/formatters';

/** User text shown inside Markdown: no formatting, no mentions, no masked links. */
export function safe(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, ' ').trim()).replace(/@/g, '@\u200b');
}

export function bar(share: number, width = 10): string {
  const filled = Math.max(0, Math.min(width, Math.round(share * width)));
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

export const percent = (share: number) => `${Math.round(share * 100)}%`;

export function formatYears(years: number): string {
  return Number.isInteger(years) ? String(years) : years.toFixed(1).replace(/\.0$/, '');
}
