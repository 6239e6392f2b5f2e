import {
  type APIInteraction,
  type APIInteractionResponse,
  InteractionResponseType,
  InteractionType,
} from 'discord-api-types/v10';
import { DEFAULT_WAIT_MS, Feed } from './feed.js';
import type { RecordedMessage, UploadedFile } from './types.js';

/** An interaction callback as the bot sent it (`POST /interactions/:id/:token/callback`). */
export type InteractionCallback = APIInteractionResponse & { files: UploadedFile[] };

export interface WaitOptions {
  timeoutMs?: number;
}

/** Callback types Discord accepts for each kind of interaction. */
const ALLOWED_CALLBACKS: Record<number, readonly InteractionResponseType[]> = {
  [InteractionType.ApplicationCommand]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.Modal,
  ],
  [InteractionType.MessageComponent]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [
    InteractionResponseType.ApplicationCommandAutocompleteResult,
  ],
  [InteractionType.ModalSubmit]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
  ],
};

/**
 * An interaction the fake dispatched, and everything the bot did in answer: the callback, and every
 * message that came of it (reply, update, follow-ups, edits of the original).
 */
export class FakeInteraction<Payload extends APIInteraction = APIInteraction> {
  readonly createdAt = Date.now();
  /** The message `@original` points at, once the interaction was answered with a message (or deferred). */
  originalMessageId: string | undefined;
  /** Callbacks the fake refused (late, repeated, wrong type), with Discord's reason. */
  readonly refusedCallbacks: string[] = [];
  readonly #callbacks = new Feed<InteractionCallback>();
  readonly #messages = new Feed<RecordedMessage>();
  #cursor = 0;

  constructor(readonly payload: Payload) {}

  get id(): string {
    return this.payload.id;
  }

  get token(): string {
    return this.payload.token;
  }

  get acknowledged(): boolean {
    return this.#callbacks.items.length > 0;
  }

  get callbacks(): readonly InteractionCallback[] {
    return this.#callbacks.items;
  }

  /** Every message the bot produced for this interaction, in order. */
  get messages(): readonly RecordedMessage[] {
    return this.#messages.items;
  }

  /** The message a component was clicked on (or a modal was opened from). */
  get sourceMessageId(): string | undefined {
    return 'message' in this.payload ? this.payload.message?.id : undefined;
  }

  /** Resolves with the bot's callback (`{type, data, files}`). */
  response({ timeoutMs = DEFAULT_WAIT_MS }: WaitOptions = {}): Promise<InteractionCallback> {
    return this.#callbacks.at(0, timeoutMs, () => {
      const refused = this.refusedCallbacks.length ? `; refused: ${this.refusedCallbacks.join('; ')}` : '';
      return `no callback for ${this.#describe()}${refused}`;
    });
  }

  /**
   * Resolves with the next message the bot produced for this interaction that an earlier call has not
   * returned: the reply's data, an update, a follow-up or an edit of the original.
   */
  nextMessage({ timeoutMs = DEFAULT_WAIT_MS }: WaitOptions = {}): Promise<RecordedMessage> {
    const index = this.#cursor++;
    return this.#messages.at(
      index,
      timeoutMs,
      () => `message #${index + 1} for ${this.#describe()} (got ${this.messages.length}: ${this.#summary()})`,
    );
  }

  /** Why Discord would refuse this callback type, or null when it is fine. */
  refusal(type: InteractionResponseType): string | null {
    if (!(ALLOWED_CALLBACKS[this.payload.type] ?? []).includes(type)) {
      return `Interaction type ${this.payload.type} cannot be answered with callback type ${type}`;
    }
    const updatesMessage =
      type === InteractionResponseType.UpdateMessage ||
      type === InteractionResponseType.DeferredMessageUpdate;
    if (updatesMessage && !this.sourceMessageId) return 'This interaction has no message to update';
    return null;
  }

  /** @internal */
  recordCallback(callback: InteractionCallback): void {
    this.#callbacks.push(callback);
  }

  /** @internal */
  noteRefusal(reason: string): void {
    this.refusedCallbacks.push(reason);
  }

  /** @internal */
  recordMessage(message: RecordedMessage): void {
    this.#messages.push(message);
  }

  /** @internal */
  close(reason: string): void {
    this.#callbacks.close(reason);
    this.#messages.close(reason);
  }

  #describe(): string {
    const data = this.payload.data;
    const name = data && 'name' in data ? `/${data.name}` : data && 'custom_id' in data ? data.custom_id : '';
    return `interaction ${this.id} (type ${this.payload.type} ${name})`;
  }

  #summary(): string {
    return this.messages.map((m) => `${m.source}:${JSON.stringify(m.content ?? '')}`).join(', ') || 'none';
  }
}
