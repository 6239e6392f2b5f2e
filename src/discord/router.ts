import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AutocompleteInteraction,
  type BaseInteraction,
  type Interaction,
  MessageFlags,
} from 'discord.js';
import { autocomplete, dispatch, type Invocation, newErrorId } from '../commands/dispatch';
import { commandByName, commandForCustomId } from '../commands/index';
import type { Platform } from '../commands/types';
import { toLocale, translator } from '../i18n';
import type { Logger } from '../logger';
import type { Services } from '../services';
import { noMentions } from './client';
import { toContext, toInvocation } from './interactions';
import { type Deferral, type RepliableCommandInteraction, respond } from './respond';

/**
 * Discord drops an interaction that gets no first answer within 3 s. Past this much time the router
 * acknowledges it (defers) and sends the real answer when dispatch comes back.
 */
export const DEFER_AFTER_MS = 2_000;
/** How long a shutdown waits for interactions that are being handled. */
export const DRAIN_TIMEOUT_MS = 10_000;

export interface RouterOptions {
  services: Services;
  platform: Platform;
  logger: Logger;
  deferAfterMs?: number;
  maxAttachmentBytes?: number;
}

export interface Router {
  /** The one `interactionCreate` listener. Never throws, never rejects. */
  handle(interaction: Interaction): void;
  /** Stops taking interactions, then resolves once those being handled are answered (or the timeout passed). */
  drain(timeoutMs?: number): Promise<void>;
  /** Interactions being handled right now. */
  readonly inFlight: number;
}

/**
 * Defer policy. A modal can only be the first answer to an interaction, so an invocation that may open
 * one (a chat command or button of a command that has modals: /add-posting, /postings) is never deferred;
 * those handlers only parse options or read a few records before answering. Everything else (/summary, modal
 * submissions, which normalize and write) is deferred once dispatch has run for `deferAfterMs`:
 * - chat commands and modal submissions get a PUBLIC deferred reply, because what they answer with when
 *   things go right (a summary, a stored posting) is for the channel to see. When the answer turns out to
 *   be ephemeral (a mistake to fix, an error id), the public "thinking…" message is deleted and the answer
 *   comes as an ephemeral follow-up, so nobody else sees it;
 * - buttons get a deferred UPDATE (no visible "thinking…"): an update then edits the message the button is
 *   on, and a reply (e.g. "these buttons are not yours") becomes a follow-up.
 * Autocomplete cannot be deferred: it answers with whatever it has (an empty list on failure).
 */
export function mayDefer(invocation: Invocation): boolean {
  if (invocation.kind === 'modal') return true;
  const command =
    invocation.kind === 'command'
      ? commandByName.get(invocation.name)
      : commandForCustomId(invocation.customId);
  return !command?.modalSubmit;
}

/** Resolves true when `promise` settles within `ms`, false otherwise; leaves no timer behind. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const timeout = new AbortController();
  const timer = sleep(ms, false, { signal: timeout.signal }).catch(() => false);
  try {
    return await Promise.race([promise.then(() => true), timer]);
  } finally {
    timeout.abort();
  }
}

function describe(interaction: BaseInteraction) {
  return {
    interactionId: interaction.id,
    type: interaction.type,
    ...(interaction.isCommand() || interaction.isAutocomplete() ? { command: interaction.commandName } : {}),
    ...(interaction.isMessageComponent() || interaction.isModalSubmit()
      ? { customId: interaction.customId }
      : {}),
    guildId: interaction.guildId,
    userId: interaction.user.id,
  };
}

export function createRouter(options: RouterOptions): Router {
  const { logger } = options;
  const deferAfterMs = options.deferAfterMs ?? DEFER_AFTER_MS;
  const deps = {
    services: options.services,
    platform: options.platform,
    ...(options.maxAttachmentBytes ? { maxAttachmentBytes: options.maxAttachmentBytes } : {}),
  };
  const inFlight = new Set<Promise<void>>();
  let accepting = true;

  async function answerAutocomplete(interaction: AutocompleteInteraction) {
    const ctx = toContext(interaction, deps);
    const focused = interaction.options.getFocused(true);
    const choices = await autocomplete(
      ctx,
      interaction.commandName,
      { name: focused.name, value: String(focused.value) },
      logger,
    );
    await interaction.respond(choices.map((c) => ({ name: c.name, value: c.value })));
  }

  async function answer(interaction: RepliableCommandInteraction, invocation: Invocation) {
    let deferral: Deferral = 'none';
    let deferring: Promise<void> | undefined;
    const deferrable = mayDefer(invocation);
    /** Acknowledges once: when a handler asks (before drawing a chart), or when dispatch runs long. */
    const defer = (ephemeral: boolean, cause: string): Promise<void> => {
      if (!deferrable) return Promise.resolve();
      deferring ??= (async () => {
        if (interaction.isMessageComponent()) {
          deferral = 'update';
          await interaction.deferUpdate();
        } else if (ephemeral) {
          deferral = 'ephemeral-reply';
          await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        } else {
          deferral = 'reply';
          await interaction.deferReply();
        }
        logger.debug({ ...describe(interaction), deferAfterMs, cause }, 'deferred the interaction');
      })();
      return deferring;
    };
    // A deferral Discord refused is not the handler's failure: it is reported once, below, like a refused reply.
    const ctx = toContext(interaction, deps, ({ ephemeral }) =>
      defer(ephemeral, 'asked').catch(() => undefined),
    );
    const work = dispatch(ctx, invocation, logger);
    if (deferrable && !(await settlesWithin(work, deferAfterMs))) await defer(false, 'slow');
    const response = await work;
    await deferring;
    await respond(interaction, response, deferral);
  }

  async function route(interaction: Interaction): Promise<void> {
    const started = performance.now();
    if (interaction.isAutocomplete()) {
      await answerAutocomplete(interaction);
    } else if (
      interaction.isChatInputCommand() ||
      interaction.isModalSubmit() ||
      interaction.isButton() ||
      interaction.isStringSelectMenu()
    ) {
      const invocation = toInvocation(interaction);
      if (!invocation) return;
      await answer(interaction, invocation);
    } else {
      logger.debug(describe(interaction), 'ignored an interaction the bot has no handler for');
      return;
    }
    logger.debug(
      { ...describe(interaction), ms: Math.round(performance.now() - started) },
      'interaction answered',
    );
  }

  /** Whatever went wrong outside dispatch (Discord refused a reply, a deferral came too late, a bug here). */
  async function fail(interaction: Interaction, error: unknown): Promise<void> {
    const errorId = newErrorId();
    logger.error({ err: error, errorId, ...describe(interaction) }, 'interaction failed');
    try {
      if (interaction.isAutocomplete()) {
        if (!interaction.responded) await interaction.respond([]);
        return;
      }
      if (!interaction.isRepliable()) return;
      const content = translator(toLocale(interaction.locale))('error.unexpected', { errorId });
      const message = { content, flags: MessageFlags.Ephemeral, allowedMentions: noMentions() } as const;
      if (interaction.replied || interaction.deferred) await interaction.followUp(message);
      else await interaction.reply(message);
    } catch (reportError) {
      logger.warn({ err: reportError, errorId }, 'could not tell the member about a failure');
    }
  }

  return {
    handle(interaction) {
      if (!accepting) {
        logger.info(describe(interaction), 'shutting down: interaction not taken');
        return;
      }
      const task: Promise<void> = route(interaction)
        .catch((error: unknown) => fail(interaction, error))
        .catch((error: unknown) => logger.error({ err: error }, 'interaction failure handling failed'))
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    },
    async drain(timeoutMs = DRAIN_TIMEOUT_MS) {
      accepting = false;
      if (inFlight.size === 0) return;
      logger.info({ inFlight: inFlight.size }, 'waiting for interactions being handled');
      const timeout = new AbortController();
      const expired = sleep(timeoutMs, 'timeout' as const, { signal: timeout.signal }).catch(
        () => 'aborted' as const,
      );
      const outcome = await Promise.race([
        Promise.allSettled([...inFlight]).then(() => 'drained' as const),
        expired,
      ]);
      timeout.abort();
      if (outcome === 'timeout')
        logger.warn({ inFlight: inFlight.size }, 'shutdown did not wait for every interaction');
    },
    get inFlight() {
      return inFlight.size;
    },
  };
}
