import { z } from 'zod';
import { type Locale, localized, type MessageKey } from '../../i18n';
import { UserError } from '../../services/errors';
import type { Context } from '../types';
import { closest } from './closest';

export const LOCALES: readonly Locale[] = ['en', 'ko'];

/** One value an option can take: its name in Discord's menu, and the words that may be typed for it. */
export interface ChoiceDef<T extends string | number> {
  value: T;
  /** Shown in Discord's menu, in both languages. */
  label: MessageKey;
  /** Typed in the console and on the command line; the first word of each language is the one help shows. */
  words: Record<Locale, readonly string[]>;
}

export interface ChoiceSet<T extends string | number> {
  readonly list: readonly ChoiceDef<T>[];
  /** The option's `choices` as Discord registers them. */
  readonly discord: { name: string; name_localizations: { ko: string }; value: T }[];
  /**
   * Accepts the value itself (what Discord sends), or any word or menu name of either language, in any case.
   * Anything else is an issue that carries the choices, so the error can list them in the reader's language.
   */
  readonly schema: z.ZodType<T>;
  /** The word help shows for each choice, in a language. */
  words(locale: Locale): string[];
}

/** Choice sets by the `choices` array Discord gets, so help and completion find the words of an option. */
const setsByChoices = new WeakMap<object, ChoiceSet<string | number>>();

export function choiceSetOf(choices: unknown): ChoiceSet<string | number> | undefined {
  return typeof choices === 'object' && choices !== null ? setsByChoices.get(choices) : undefined;
}

const fold = (text: string) => text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

export function choiceSet<T extends string | number>(list: readonly ChoiceDef<T>[]): ChoiceSet<T> {
  const byWord = new Map<string, T>();
  for (const choice of list) {
    const label = localized(choice.label);
    for (const word of [String(choice.value), label.en, label.ko, ...choice.words.en, ...choice.words.ko]) {
      byWord.set(fold(word), choice.value);
    }
  }
  const words = (locale: Locale) => list.map((c) => c.words[locale][0] ?? String(c.value));
  const schema = z.unknown().transform((input, ctx): T => {
    const found =
      typeof input === 'string' || typeof input === 'number' ? byWord.get(fold(String(input))) : undefined;
    if (found !== undefined) return found;
    ctx.addIssue({
      code: 'custom',
      message: 'not one of the choices',
      params: { choices: Object.fromEntries(LOCALES.map((l) => [l, words(l)])), known: [...byWord.keys()] },
    });
    return z.NEVER;
  });
  const discord = list.map((c) => {
    const label = localized(c.label);
    return { name: label.en, name_localizations: { ko: label.ko }, value: c.value };
  });
  const set: ChoiceSet<T> = { list, discord, schema, words };
  setsByChoices.set(discord, set as unknown as ChoiceSet<string | number>);
  return set;
}

/** A parameter of a message that differs by language: `valid@en`, `valid@ko` (see userErrorMessage). */
export function perLocale(name: string, text: (locale: Locale) => string): Record<string, string> {
  return Object.fromEntries(LOCALES.map((locale) => [`${name}@${locale}`, text(locale)]));
}

const shown = (value: unknown) => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
};

/** The first thing wrong with a command's options, as a message naming the field and what it accepts. */
function optionError(issue: z.core.$ZodIssue, values: Record<string, unknown>): UserError {
  const field = String(issue.path[0] ?? 'input');
  const value = values[field];
  if (value === undefined || value === '') return new UserError('option.missing', { field });
  const params = issue.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined;
  if (params?.choices) {
    const choices = params.choices as Record<Locale, string[]>;
    const near = closest(String(value), (params.known as string[]) ?? []);
    return new UserError('option.choice', {
      field,
      value: shown(value),
      ...perLocale('valid', (locale) => choices[locale].join(', ')),
      ...(near.length > 0 ? { closest: near.join(', ') } : {}),
    });
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    const values = issue.values.map(String);
    const near = closest(String(value), values);
    return new UserError('option.choice', {
      field,
      value: shown(value),
      valid: values.join(', '),
      ...(near.length > 0 ? { closest: near.join(', ') } : {}),
    });
  }
  const numeric = issue.code === 'invalid_type' && issue.expected === 'number';
  if (
    numeric ||
    (issue.code === 'too_small' && issue.origin === 'number') ||
    issue.code === 'not_multiple_of'
  ) {
    if (issue.code === 'too_small') {
      return new UserError('option.number-min', { field, value: shown(value), min: Number(issue.minimum) });
    }
    return new UserError('option.number', { field, value: shown(value) });
  }
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return new UserError('input.too-long', { field, max: Number(issue.maximum) });
  }
  return new UserError('input.invalid', { field });
}

/** Options checked against a command's schema: the one place that decides what is valid, for every adapter. */
export function parseValues<T extends z.ZodType>(schema: T, values: Record<string, unknown>): z.infer<T> {
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw issue ? optionError(issue, values) : new UserError('input.invalid', { field: 'input' });
  }
  return parsed.data;
}

/** Parses a command's options with its schema; a mismatch is the member's input, not a crash. */
export function parseOptions<T extends z.ZodType>(schema: T, ctx: Context): z.infer<T> {
  return parseValues(schema, ctx.options);
}

/** A whole number option, from Discord's integer or a typed `12` / `#12`. */
export const wholeNumber = (min: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*#?\d+\s*$/.test(v) ? Number(v.replace(/[#\s]/g, '')) : v),
    z.number().int().min(min).max(Number.MAX_SAFE_INTEGER),
  );

export const postingId = wholeNumber(1);
