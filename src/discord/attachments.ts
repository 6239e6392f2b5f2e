import type { Attachment as DiscordAttachment } from 'discord.js';
import type { Attachment } from '../commands/types';
import { UserError } from '../services/errors';

/** Members upload text files (postings, imports); nothing the bot reads needs more than this. */
export const MAX_ATTACHMENT_BYTES = 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 15_000;

const describeSize = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
    : `${Math.round(bytes / 1024)} KB`;

/**
 * An uploaded file whose bytes are fetched only when a command asks for them. The size Discord announces
 * is checked first, and the download is cut off as soon as it goes past the limit (the announced size is
 * not trusted).
 */
export function toAttachment(attachment: DiscordAttachment, maxBytes = MAX_ATTACHMENT_BYTES): Attachment {
  return {
    name: attachment.name,
    size: attachment.size,
    ...(attachment.contentType ? { contentType: attachment.contentType } : {}),
    fetch: () => download(attachment.url, attachment.size, maxBytes, attachment.name),
  };
}

export async function download(
  url: string,
  announcedSize: number,
  maxBytes: number,
  name = 'attachment',
): Promise<Buffer> {
  const tooLarge = () => new UserError('import.too-large', { max: describeSize(maxBytes) });
  if (announcedSize > maxBytes) throw tooLarge();
  const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!response.ok || !response.body) {
    throw new UserError('file.unreadable', { path: name });
  }
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body.cancel();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let received = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}
