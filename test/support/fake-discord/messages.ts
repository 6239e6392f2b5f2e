import {
  type APIAttachment,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIUser,
  MessageFlags,
  MessageType,
} from 'discord-api-types/v10';
import type { AttachmentCdn } from './cdn.js';
import { snowflake, snowflakeTimestamp } from './snowflake.js';
import type { MessageBody, MessageSource, RecordedMessage, UploadedFile } from './types.js';

export interface CreateMessageInput {
  channelId: string;
  author: APIUser;
  body: MessageBody;
  files: UploadedFile[];
  type?: MessageType;
  /** Extra flags Discord sets itself (e.g. LOADING for a deferred reply). */
  flags?: number;
  applicationId?: string;
  webhookId?: string;
  interactionMetadata?: APIMessageInteractionMetadata;
}

/** Every message the bot created, by id; attachment bytes go to the CDN. */
export class MessageStore {
  readonly #messages = new Map<string, APIMessage>();

  constructor(private readonly cdn: AttachmentCdn) {}

  create(input: CreateMessageInput): APIMessage {
    const message = emptyMessage(snowflake(), input);
    this.#messages.set(message.id, message);
    this.#apply(message, input.body, input.files, false);
    message.flags = (message.flags ?? 0) | (input.flags ?? 0);
    return message;
  }

  edit(id: string, body: MessageBody, files: UploadedFile[]): APIMessage {
    const message = this.#messages.get(id);
    if (!message) throw new Error(`No message ${id}`);
    this.#apply(message, body, files, true);
    message.edited_timestamp = new Date().toISOString();
    message.flags = (message.flags ?? 0) & ~MessageFlags.Loading;
    return message;
  }

  get(id: string): APIMessage | undefined {
    return this.#messages.get(id);
  }

  delete(id: string): boolean {
    return this.#messages.delete(id);
  }

  inChannel(channelId: string): APIMessage[] {
    return [...this.#messages.values()].filter((m) => m.channel_id === channelId);
  }

  /** The newest message in a channel that has a component with this custom id. */
  withComponent(customId: string, channelId?: string): APIMessage | undefined {
    const candidates = [...this.#messages.values()].reverse();
    return candidates.find(
      (m) =>
        (channelId === undefined || m.channel_id === channelId) &&
        JSON.stringify(m.components ?? []).includes(`"custom_id":${JSON.stringify(customId)}`),
    );
  }

  #apply(message: APIMessage, body: MessageBody, files: UploadedFile[], isEdit: boolean): void {
    if (body.content !== undefined) message.content = body.content ?? '';
    if (body.embeds !== undefined) message.embeds = body.embeds ?? [];
    if (body.components !== undefined)
      message.components = (body.components ?? []) as APIMessage['components'];
    if (body.flags !== undefined)
      message.flags = ((message.flags ?? 0) & MessageFlags.Ephemeral) | body.flags;
    if (body.tts !== undefined) message.tts = body.tts;
    if (body.nonce !== undefined) message.nonce = body.nonce;
    if (body.message_reference)
      message.message_reference = { ...body.message_reference, channel_id: message.channel_id };
    message.attachments = this.#attachmentsFor(message, body, files, isEdit);
  }

  /**
   * Resolves `attachments` the way Discord does: numeric ids refer to uploaded `files[n]`, snowflakes keep
   * existing attachments; without an `attachments` field, uploads are added (edits keep what was there).
   */
  #attachmentsFor(
    message: APIMessage,
    body: MessageBody,
    files: UploadedFile[],
    isEdit: boolean,
  ): APIAttachment[] {
    const existing = isEdit ? message.attachments : [];
    const upload = (file: UploadedFile) => this.cdn.put(message.channel_id, file);
    if (body.attachments === undefined) return [...existing, ...files.map(upload)];
    return (body.attachments ?? []).flatMap((ref) => {
      const kept = existing.find((a) => a.id === String(ref.id));
      if (kept) return [kept];
      const file = files.find((f) => f.field === `files[${ref.id}]`) ?? files[Number(ref.id)];
      if (!file) return [];
      return [{ ...upload(file), ...(ref.description ? { description: ref.description } : {}) }];
    });
  }
}

function emptyMessage(id: string, input: CreateMessageInput): APIMessage {
  return {
    id,
    channel_id: input.channelId,
    author: input.author,
    content: '',
    timestamp: snowflakeTimestamp(id),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: input.type ?? MessageType.Default,
    flags: 0 as MessageFlags,
    ...(input.applicationId ? { application_id: input.applicationId } : {}),
    ...(input.webhookId ? { webhook_id: input.webhookId } : {}),
    ...(input.interactionMetadata ? { interaction_metadata: input.interactionMetadata } : {}),
  };
}

export function recordMessage(
  source: MessageSource,
  message: APIMessage,
  body: MessageBody,
  files: UploadedFile[],
): RecordedMessage {
  const flags = message.flags ?? 0;
  return {
    source,
    messageId: message.id,
    channelId: message.channel_id,
    content: body.content ?? undefined,
    embeds: body.embeds ?? [],
    components: (body.components ?? []) as RecordedMessage['components'],
    flags,
    ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
    body,
    files,
    message: structuredClone(message),
    at: Date.now(),
  };
}
