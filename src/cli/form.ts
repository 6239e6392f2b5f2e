import type { Modal, ModalField } from '../commands/types';
import type { Locale, Translate } from '../i18n';
import { userErrorMessage } from '../i18n/user-error';
import { isUserError, UserError } from '../services/errors';
import { END, INTERRUPT, type LineReader } from './line-reader';

/** What a form needs from the terminal. */
export interface FormIo {
  reader: LineReader;
  /** A line of the form itself (questions, hints). */
  say(text: string): void;
  /** A problem with an answer, before the question is asked again. */
  warn(text: string): void;
  t: Translate;
  locale: Locale;
  /** Reads `@path`: a long field taken from a file. Throws UserError when it cannot. */
  readFile(path: string): Promise<string>;
  /** Emphasis for questions; identity without colour. */
  strong(text: string): string;
}

/** The form was left with Ctrl-C or Ctrl-D (or the input ended): nothing is submitted. */
export const CANCELLED = Symbol('cancelled');
export type FormAnswers = Record<string, string>;

/** A field that ends with a line holding only this. */
const END_OF_FIELD = '.';
/** Typed for an optional field that has a value: empties it. */
const CLEAR = '-';

const preview = (value: string) => {
  const first = value.split('\n')[0] ?? '';
  return [...first].length > 40 || value.includes('\n') ? `${[...first].slice(0, 40).join('')}…` : first;
};

function question(field: ModalField, io: FormIo, current: string | undefined): string {
  const parts = [io.strong(field.label)];
  if (!field.required) parts.push(io.t('form.optional'));
  if (current) parts.push(io.t('form.keeps', { value: preview(current) }));
  if (current && !field.required) parts.push(io.t('form.clear', { clear: CLEAR }));
  if (field.style === 'paragraph') parts.push(`— ${io.t('form.paragraph', { end: END_OF_FIELD })}`);
  return parts.join(' ');
}

/** One raw answer: a line, or (for a paragraph) lines up to ".", or the contents of `@file`. */
async function readAnswer(field: ModalField, io: FormIo): Promise<string | typeof CANCELLED> {
  const first = await io.reader.read(field.style === 'paragraph' ? '│ ' : '› ', 'field');
  if (first === INTERRUPT || first === END) return CANCELLED;
  if (field.style === 'paragraph' && /^@[^@\s]/.test(first.trim())) {
    const path = first.trim().slice(1);
    const text = await io.readFile(path);
    io.say(io.t('form.file-read', { path, lines: text.split('\n').length, chars: [...text].length }));
    return text;
  }
  if (field.style === 'short') return first.trim();
  const unescaped = first.startsWith('@@') ? first.slice(1) : first;
  // Past twice the field's limit (a character is at most two code units) lines are read to the closing "."
  // but not kept, so a pasted megabyte is never held; if one of them had more than blanks, the answer was
  // too long.
  const keep = 2 * field.maxLength + 2;
  const lines: string[] = [];
  let kept = 0;
  let overflow = false;
  for (let line: string = unescaped; line.trim() !== END_OF_FIELD; ) {
    if (kept === 0 && line === '') {
      // Leading empty lines are dropped from the answer anyway.
    } else if (kept <= keep) {
      lines.push(line);
      kept += line.length + 1;
    } else if (line.trim() !== '') overflow = true;
    const next = await io.reader.read('│ ', 'field');
    if (next === INTERRUPT || next === END) return CANCELLED;
    line = next;
  }
  if (overflow) throw new UserError('input.too-long', { field: field.id, max: field.maxLength });
  return lines.join('\n').trimEnd();
}

/** Asks one field until its answer passes the field's own checks; the reason is given before each retry. */
export async function askField(
  field: ModalField,
  io: FormIo,
  current?: string,
): Promise<string | typeof CANCELLED> {
  for (;;) {
    io.say(question(field, io, current));
    let value: string;
    try {
      const answer = await readAnswer(field, io);
      if (answer === CANCELLED) return CANCELLED;
      value = answer === '' && current ? current : answer === CLEAR && !field.required ? '' : answer;
      if (field.required && value.trim() === '') throw new UserError('input.empty', { field: field.id });
      if ([...value].length > field.maxLength) {
        throw new UserError('input.too-long', { field: field.id, max: field.maxLength });
      }
      if (value !== '' || field.required) field.check?.(value);
    } catch (error) {
      if (!isUserError(error)) throw error;
      io.warn(`${userErrorMessage(io.t, io.locale, error)} ${io.t('form.again')}`);
      continue;
    }
    return value;
  }
}

/** The form's fields asked one by one; Ctrl-C or Ctrl-D at any of them cancels the whole form. */
export async function fillForm(modal: Modal, io: FormIo): Promise<FormAnswers | typeof CANCELLED> {
  io.say(io.strong(`== ${modal.title} ==`));
  io.say(io.t('form.intro'));
  const answers: FormAnswers = {};
  for (const field of modal.fields) {
    const answer = await askField(field, io, field.value);
    if (answer === CANCELLED) return CANCELLED;
    answers[field.id] = answer;
  }
  return answers;
}

/** Errors a submission can end with that are about one field, though they do not name it. */
const FIELD_OF_ERROR: Readonly<Record<string, string>> = {
  'input.bad-url': 'url',
  'posting.duplicate-url': 'url',
  'posting.no-items': 'requirements',
};

/** The field of the form a refused submission is about, so that field alone is asked again. */
export function fieldOfError(error: UserError, modal: Modal): ModalField | undefined {
  const id = typeof error.params.field === 'string' ? error.params.field : FIELD_OF_ERROR[error.code];
  return modal.fields.find((f) => f.id === id);
}
