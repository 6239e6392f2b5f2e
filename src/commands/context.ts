import { type Locale, translator } from '../i18n';
import type { Services } from '../services';
import type { Attachment, Context, OptionValue, Platform } from './types';

export interface ContextInput {
  services: Services;
  platform: Platform;
  locale: Locale;
  guildLocale?: Locale;
  guildId: string | null;
  userId: string;
  userName: string;
  canManageMessages: boolean;
  canManageGuild: boolean;
  subcommand?: string;
  options?: Record<string, OptionValue>;
  attachments?: Record<string, Attachment>;
  defer?: Context['defer'];
}

export function createContext(input: ContextInput): Context {
  return {
    ...input,
    guildLocale: input.guildLocale ?? input.locale,
    t: translator(input.locale),
    options: input.options ?? {},
    attachments: input.attachments ?? {},
    defer: input.defer ?? (async () => undefined),
  };
}
