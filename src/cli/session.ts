import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { execute, type Invocation, newErrorId } from '../commands/dispatch';
import type { Context, Modal, Reply, Response } from '../commands/types';
import { userErrorMessage } from '../i18n/user-error';
import { isUserError, type UserError } from '../services/errors';
import { askField, CANCELLED, type FormAnswers, type FormIo, fieldOfError, fillForm } from './form';
import { buttonsOf, type ConsoleButton, renderReply, type TerminalStyle } from './render';
import type { Runtime } from './runtime';

/** Where a session shows things. */
export interface SessionUi {
  out(text: string): void;
  err(text: string): void;
  style(): TerminalStyle;
  form: FormIo;
  /** Buttons can be pressed (the console numbers them); elsewhere they are left out. */
  pressable: boolean;
}

const shown = (reply: Reply, ui: SessionUi): Reply => (ui.pressable ? reply : { ...reply, components: [] });

/** How an invocation ended: shown, refused (the member's mistake), cancelled (a form left), or failed (a bug). */
export type Outcome =
  | { kind: 'shown'; buttons: ConsoleButton[] }
  | { kind: 'refused'; error: UserError }
  | { kind: 'cancelled' }
  | { kind: 'failed'; errorId: string };

/** Writes a file a command sent (an export) into the current directory, never over an existing file. */
export async function saveFile(name: string, data: Buffer): Promise<string> {
  const safeName = basename(name).replace(/[^\w.-]+/g, '_') || 'file';
  const dot = safeName.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [safeName.slice(0, dot), safeName.slice(dot)] : [safeName, ''];
  for (let n = 0; ; n++) {
    const path = n === 0 ? safeName : `${stem}-${n}${ext}`;
    try {
      await writeFile(path, data, { flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 999) throw error;
    }
  }
}

/**
 * Runs an invocation the way Discord would, in a terminal: a modal becomes a form asked field by field, a
 * refused submission asks again for the field it is about (nothing typed is lost), and a reply is rendered.
 */
export async function perform(
  rt: Runtime,
  ctx: Context,
  invocation: Invocation,
  ui: SessionUi,
): Promise<Outcome> {
  const t = ctx.t;
  let response: Response;
  try {
    response = await execute(ctx, invocation);
  } catch (error) {
    return refusal(rt, ctx, error, invocation, ui);
  }
  if (response.type === 'modal') return submitForm(rt, ctx, response.modal, ui);
  ui.out(renderReply(shown(response.reply, ui), ui.style()));
  for (const file of response.reply.files ?? []) {
    ui.out(t('console.saved', { path: await saveFile(file.name, file.data) }));
  }
  return { kind: 'shown', buttons: buttonsOf(response.reply) };
}

function refusal(rt: Runtime, ctx: Context, error: unknown, invocation: unknown, ui: SessionUi): Outcome {
  if (isUserError(error)) {
    ui.err(userErrorMessage(ctx.t, ctx.locale, error));
    return { kind: 'refused', error };
  }
  const errorId = newErrorId();
  rt.logger.error({ err: error, errorId, invocation, guildId: ctx.guildId }, 'command failed');
  ui.err(ctx.t('error.unexpected', { errorId }));
  return { kind: 'failed', errorId };
}

async function submitForm(rt: Runtime, ctx: Context, modal: Modal, ui: SessionUi): Promise<Outcome> {
  const filled = await fillForm(modal, ui.form);
  if (filled === CANCELLED) return cancelled(ctx, ui);
  const answers: FormAnswers = filled;
  for (;;) {
    const invocation: Invocation = { kind: 'modal', customId: modal.customId, fields: answers };
    let response: Response;
    try {
      response = await execute(ctx, invocation);
    } catch (error) {
      const field = isUserError(error) ? fieldOfError(error, modal) : undefined;
      if (!field || !isUserError(error)) {
        const outcome = refusal(rt, ctx, error, invocation, ui);
        ui.err(ctx.t('form.not-saved'));
        return outcome;
      }
      ui.form.warn(`${userErrorMessage(ctx.t, ctx.locale, error)} ${ctx.t('form.again')}`);
      const answer = await askField(field, ui.form, field.value);
      if (answer === CANCELLED) return cancelled(ctx, ui);
      answers[field.id] = answer;
      continue;
    }
    if (response.type === 'modal') return submitForm(rt, ctx, response.modal, ui);
    ui.out(renderReply(shown(response.reply, ui), ui.style()));
    return { kind: 'shown', buttons: buttonsOf(response.reply) };
  }
}

function cancelled(ctx: Context, ui: SessionUi): Outcome {
  ui.err(ctx.t('form.cancelled'));
  return { kind: 'cancelled' };
}
