import type { APIAttachment } from 'discord-api-types/v10';
import { snowflake } from './snowflake.js';
import type { UploadedFile } from './types.js';

export interface StoredAttachment {
  attachment: APIAttachment;
  file: UploadedFile;
}

/** Keeps uploaded files and serves them back at `/attachments/:channel/:id/:name`, like Discord's CDN. */
export class AttachmentCdn {
  readonly #attachments = new Map<string, StoredAttachment>();

  constructor(private readonly baseUrl: () => string) {}

  put(channelId: string, file: UploadedFile): APIAttachment {
    const id = snowflake();
    const url = `${this.baseUrl()}/attachments/${channelId}/${id}/${encodeURIComponent(file.name)}`;
    const attachment: APIAttachment = {
      id,
      filename: file.name,
      size: file.data.length,
      url,
      proxy_url: url,
      content_type: file.contentType,
    };
    this.#attachments.set(id, { attachment, file });
    return attachment;
  }

  get(id: string): StoredAttachment | undefined {
    return this.#attachments.get(id);
  }

  /** Makes an `UploadedFile` from test data, e.g. for an attachment option. */
  static file(name: string, data: string | Buffer, contentType = 'application/octet-stream'): UploadedFile {
    const buffer = typeof data === 'string' ? Buffer.from(data) : data;
    return { field: 'files[0]', name, contentType, data: buffer, text: buffer.toString('utf8') };
  }
}
