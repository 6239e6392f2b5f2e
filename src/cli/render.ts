import { type APIEmbed, ComponentType } from 'discord-api-types/v10';
import { createColors } from 'picocolors';
import type { Reply } from '../commands/types';
import { type Locale, translator } from '../i18n';

/** How a terminal shows text: the reader's language, the server's time zone, colour or not. */
export interface TerminalStyle {
  locale: Locale;
  /** IANA zone that Discord timestamps are shown in: the server's. */
  timeZone: string;
  color: boolean;
  /** For relative timestamps ("in 3 days"); now by default. */
  now?: () => Date;
}

export const DEFAULT_TIME_ZONE = 'Asia/Seoul';

/** Colour on a terminal only, never with NO_COLOR set; FORCE_COLOR asks for it anywhere. */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export const plainStyle = (locale: Locale = 'en'): TerminalStyle => ({
  locale,
  timeZone: DEFAULT_TIME_ZONE,
  color: false,
});

const intlLocale = (locale: Locale) => (locale === 'ko' ? 'ko-KR' : 'en-US');

const DATE_STYLES: Record<string, Intl.DateTimeFormatOptions> = {
  t: { timeStyle: 'short' },
  T: { timeStyle: 'medium' },
  d: { dateStyle: 'short' },
  D: { dateStyle: 'long' },
  f: { dateStyle: 'long', timeStyle: 'short' },
  F: { dateStyle: 'full', timeStyle: 'short' },
};

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** A Discord timestamp (`<t:1796601600:F>`) as the server's clock reads it, or "in 3 days". */
export function timestamp(unix: number, style: string, s: TerminalStyle): string {
  const date = new Date(unix * 1000);
  if (Number.isNaN(date.getTime())) return String(unix);
  if (style === 'R') {
    const seconds = Math.round((date.getTime() - (s.now?.() ?? new Date()).getTime()) / 1000);
    const [unit, size] = UNITS.find(([, n]) => Math.abs(seconds) >= n) ?? ['second', 1];
    return new Intl.RelativeTimeFormat(intlLocale(s.locale), { numeric: 'auto' }).format(
      Math.round(seconds / size),
      unit,
    );
  }
  const format = DATE_STYLES[style] ?? DATE_STYLES.f;
  return new Intl.DateTimeFormat(intlLocale(s.locale), {
    timeZone: s.timeZone,
    ...format,
    // Korean on a 24-hour clock: some ICU versions write the day period of `ko` as "AM"/"PM".
    ...(s.locale === 'ko' && format?.timeStyle ? { hourCycle: 'h23' as const } : {}),
  }).format(date);
}

/** An escaped character (kept, without its backslash), or code and strike marks (dropped). */
const ESCAPE_OR_MARK = /\\([\\`*_~|>#[\]()@<:-])|~~|`/g;
const BOLD = /\*\*(.+?)\*\*|__(.+?)__/gs;
/** `*x*` and `_x_` at word edges are italics; `a_b` and `2*3` are not. */
const ITALIC = /(^|[^\p{L}\p{N}\\*_])([*_])(?![\s*_])(.+?)(?<![\s\\])\2(?![\p{L}\p{N}*_])/gmsu;
const LINK = /\[((?:\\.|[^\]\\])+)\]\(<?(https?:\/\/[^)\s>]+)>?\)/g;
const ANGLE_LINK = /<(https?:\/\/[^>\s]+)>/g;
const TIMESTAMP = /<t:(-?\d{1,13})(?::([tTdDfFR]))?>/g;
const CHANNEL = /<#(\d+)>/g;
const USER = /<@!?(\d+)>/g;
const ROLE = /<@&(\d+)>/g;
const CUSTOM_EMOJI = /<a?:(\w+):\d+>/g;

/**
 * Discord Markdown as terminal text: escapes undone, emphasis shown as bold (in colour) or dropped, links
 * spelled out as `text (url)`, timestamps in the server's zone, channels and mentions as readable names.
 * Mentions never mean anything in a terminal: `@everyone` is shown as the text it is.
 */
export function plain(text: string, s: TerminalStyle = plainStyle()): string {
  const c = createColors(s.color);
  // Links are set aside first, so nothing in an address is read as emphasis or an escape.
  const urls: string[] = [];
  const keep = (url: string) => `\uE000${urls.push(c.underline(url)) - 1}\uE000`;
  return text
    .replace(/\u200b/g, '')
    .replace(LINK, (_m, label: string, url: string) => `${label} (${keep(url)})`)
    .replace(ANGLE_LINK, (_m, url: string) => keep(url))
    .replace(TIMESTAMP, (_m, unix: string, style: string | undefined) =>
      timestamp(Number(unix), style ?? 'f', s),
    )
    .replace(CHANNEL, '#$1')
    .replace(ROLE, '@$1')
    .replace(USER, '@$1')
    .replace(CUSTOM_EMOJI, ':$1:')
    .replace(BOLD, (_m, a: string | undefined, b: string | undefined) => c.bold(a ?? b ?? ''))
    .replace(ITALIC, (_m, before: string, _mark: string, inner: string) => `${before}${c.italic(inner)}`)
    .replace(ESCAPE_OR_MARK, (_m, escaped: string | undefined) => escaped ?? '')
    .replace(/\uE000(\d+)\uE000/g, (_m, i: string) => urls[Number(i)] ?? '');
}

function renderEmbed(embed: APIEmbed, s: TerminalStyle): string {
  const c = createColors(s.color);
  const lines: string[] = [];
  if (embed.author?.name) lines.push(c.green(plain(embed.author.name, s)));
  if (embed.title) lines.push(c.bold(`== ${plain(embed.title, s)} ==`));
  if (embed.url) lines.push(c.underline(embed.url));
  if (embed.description) lines.push(plain(embed.description, s));
  for (const field of embed.fields ?? []) {
    lines.push('', c.cyan(`[${plain(field.name, s)}]`), plain(field.value, s));
  }
  if (embed.footer?.text) lines.push('', c.dim(`-- ${plain(embed.footer.text, s)}`));
  return lines.join('\n');
}

/** A reply as the console shows it. Buttons are numbered; typing the number presses one. */
export function renderReply(reply: Reply, s: TerminalStyle = plainStyle()): string {
  const c = createColors(s.color);
  const parts: string[] = [];
  if (reply.content) parts.push(plain(reply.content, s));
  for (const embed of reply.embeds ?? []) parts.push(renderEmbed(embed, s));
  const buttons = buttonsOf(reply);
  if (buttons.length > 0) {
    parts.push(
      buttons
        .map((b, i) => (b.disabled ? c.dim(`(${b.label})`) : `${c.bold(`[${i + 1}]`)} ${b.label}`))
        .join('  '),
    );
  }
  const t = translator(s.locale);
  for (const file of reply.files ?? []) {
    parts.push(c.dim(t('console.file', { name: file.name, size: formatBytes(file.data.length, s.locale) })));
  }
  return parts.join('\n\n');
}

export function formatBytes(bytes: number, locale: Locale): string {
  const t = translator(locale);
  if (bytes < 1024) return t('size.bytes', { n: bytes });
  if (bytes < 1024 * 1024) return t('size.kb', { n: (bytes / 1024).toFixed(1) });
  return t('size.mb', { n: (bytes / 1024 / 1024).toFixed(1) });
}

export interface ConsoleButton {
  label: string;
  customId: string;
  disabled: boolean;
  /** For an option of a select menu: what choosing it picks. */
  values?: string[];
}

/** A reply's buttons, and each option of a one-choice select menu as a button of its own. */
export function buttonsOf(reply: Reply): ConsoleButton[] {
  const buttons: ConsoleButton[] = [];
  for (const row of reply.components ?? []) {
    for (const component of row.components) {
      if (component.type === ComponentType.StringSelect) {
        for (const option of component.options) {
          buttons.push({
            label: option.label,
            customId: component.custom_id,
            disabled: component.disabled === true,
            values: [option.value],
          });
        }
      } else if ('custom_id' in component && 'label' in component) {
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

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Columns a text takes in a terminal: Hangul and other wide characters take two. */
export function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += WIDE.test(ch) ? 2 : 1;
  return n;
}

export const padColumns = (text: string, width: number) =>
  text + ' '.repeat(Math.max(0, width - columns(text)));
