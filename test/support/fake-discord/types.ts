import type {
  APIEmbed,
  APIMessage,
  APIMessageTopLevelComponent,
  RESTPostAPIChannelMessageJSONBody,
} from 'discord-api-types/v10';

/** A file part of a `multipart/form-data` request (`files[n]`). */
export interface UploadedFile {
  /** The form field, e.g. `files[0]`. */
  field: string;
  name: string;
  contentType: string;
  data: Buffer;
  /** `data` decoded as UTF-8, for text attachments. */
  text: string;
}

/** A JSON or multipart body as the bot sent it: multipart's `payload_json` lands in `json`. */
export interface ParsedBody {
  json: unknown;
  files: UploadedFile[];
}

/** One REST request the fake received. `headers` are lower-cased and never include `authorization`. */
export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`, without the query: `/channels/123/messages`. */
  path: string;
  query: URLSearchParams;
  apiVersion: number | null;
  headers: Record<string, string>;
  /** Whether it carried `Authorization: Bot <the fake's token>`. */
  authenticated: boolean;
  body: unknown;
  files: UploadedFile[];
  /** Filled in once the fake answered. */
  status: number;
  response: unknown;
  at: number;
  /** Set when `failNext` answered this request. */
  injectedFailure: boolean;
  /** Set when an `enforce_nonce` POST returned an existing message instead of creating one. */
  deduplicatedNonce: boolean;
}

/** The JSON fields of a message the bot sends or edits (channel message, interaction reply, webhook). */
export type MessageBody = RESTPostAPIChannelMessageJSONBody & { flags?: number };

/** How a message the bot produced reached the fake. */
export type MessageSource =
  /** POST /channels/:id/messages */
  | 'channel'
  /** interaction callback type 4 (CHANNEL_MESSAGE_WITH_SOURCE) */
  | 'reply'
  /** interaction callback type 7 (UPDATE_MESSAGE) */
  | 'update'
  /** POST /webhooks/:app/:token */
  | 'follow-up'
  /** PATCH /webhooks/:app/:token/messages/@original or /:id */
  | 'edit';

/** A message the bot produced, as sent and as the fake stored it. */
export interface RecordedMessage {
  source: MessageSource;
  messageId: string;
  channelId: string;
  content: string | undefined;
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  flags: number;
  ephemeral: boolean;
  /** The JSON the bot sent (for multipart requests, the parsed `payload_json`). */
  body: MessageBody;
  files: UploadedFile[];
  /** The stored message right after this request. */
  message: APIMessage;
  at: number;
}
