import { escapeMarkdown } from '@discordjs/formatters';
import { wholePercent, wholePercentOfShare } from '../../services/summary/percent';

/** User text shown inside Markdown: no formatting, no mentions, no masked links. */
export function safe(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, ' ').trim()).replace(/@/g, '@\u200b');
}

/** Like safe(), line by line: keeps the line breaks of a multi-line text. */
export function safeLines(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : safe(line)))
    .join('\n');
}

export function bar(share: number, width = 10): string {
  const filled = Math.max(0, Math.min(width, Math.round(share * width)));
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/**
 * `38%`, by the one rounding rule (see wholePercent): from a count of a total when both are known, else from
 * a share that was not rounded before.
 */
export const percent = (countOrShare: number, total?: number) =>
  `${total === undefined ? wholePercentOfShare(countOrShare) : wholePercent(countOrShare, total)}%`;

/** A share known only as a fraction (a snapshot's), as a percent. */
export const percentOfShare = (share: number) => `${wholePercentOfShare(share)}%`;

export function formatYears(years: number): string {
  return Number.isInteger(years) ? String(years) : years.toFixed(1).replace(/\.0$/, '');
}
