import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Locale, Translate } from '../i18n';
import type { Services } from '../services';

/** A message to send, in Discord's own shapes; the console renders the same thing as text. */
export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  files?: { name: string; data: Buffer; description?: string }[];
  /** Seen only by the member who asked. */
  ephemeral?: boolean;
}

export interface ModalField {
  id: string;
  label: string;
  style: 'short' | 'paragraph';
  required: boolean;
  value?: string;
  placeholder?: string;
  minLength?: number;
  maxLength: number;
  /**
   * Checks one answer as soon as it is given, throwing the UserError the submission would (the console asks
   * again with the reason). Discord checks required and length itself, and the rest on submit.
   */
  check?(value: string): void;
}

export interface Modal {
  customId: string;
  title: string;
  fields: ModalField[];
}

export type Response =
  | { type: 'reply'; reply: Reply }
  | { type: 'modal'; modal: Modal }
  /** For a button press: replace the message the button is on. */
  | { type: 'update'; reply: Reply };

export const reply = (r: Reply): Response => ({ type: 'reply', reply: r });
export const ephemeral = (r: Omit<Reply, 'ephemeral'>): Response => ({
  type: 'reply',
  reply: { ...r, ephemeral: true },
});

export type OptionValue = string | number | boolean;

/** An uploaded file, fetched by whatever adapter carries the command. */
export interface Attachment {
  name: string;
  size: number;
  contentType?: string;
  fetch(): Promise<Buffer>;
}

/** What a platform can tell a command about a channel it is asked to post in. */
export type ChannelCheck = 'ok' | 'missing' | 'not-text' | 'no-permission';

export interface Platform {
  readonly name: 'discord' | 'console';
  checkChannel(guildId: string, channelId: string): Promise<ChannelCheck>;
}

/** Everything a handler gets: who asked, where, in which language, with which options. */
export interface Context {
  services: Services;
  platform: Platform;
  locale: Locale;
  t: Translate;
  /** null in direct messages. */
  guildId: string | null;
  /** The server's preferred locale, for messages the whole server reads (the digest). */
  guildLocale: Locale;
  userId: string;
  userName: string;
  /** Manage Messages: may edit or remove anyone's posting. */
  canManageMessages: boolean;
  /** Manage Server: may configure the digest. */
  canManageGuild: boolean;
  subcommand?: string;
  options: Record<string, OptionValue>;
  attachments: Record<string, Attachment>;
  /**
   * Acknowledges the interaction now, before slow work (drawing a chart), so the platform does not give up
   * on it; the answer is sent when the handler returns. Ephemeral when the answer will be. A no-op where
   * nothing waits (the console) and after the first call.
   */
  defer(options: { ephemeral: boolean }): Promise<void>;
}

/** A context that is known to be in a server. */
export type GuildContext = Context & { guildId: string };

export interface Choice {
  name: string;
  value: string | number;
}

export interface Command {
  /** Registered as it is: the raw JSON body of the command, with its Korean localizations. */
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Commands that only make sense in a server answer DMs with a polite pointer instead. */
  guildOnly: boolean;
  execute(ctx: Context): Promise<Response>;
  autocomplete?(ctx: Context, focused: { name: string; value: string }): Promise<Choice[]>;
  /** Custom ids start with the command's name and a colon: `add-posting:new`, `postings:page:2:backend`. */
  modalSubmit?(ctx: Context, customId: string, fields: Record<string, string>): Promise<Response>;
  /** A button press, or a select menu's choice: `values` are what was picked (none for a button). */
  component?(ctx: Context, customId: string, values: readonly string[]): Promise<Response>;
}
