import type { ParsedBody, UploadedFile } from './types.js';

export class BodyError extends Error {}

/** Parses a JSON or `multipart/form-data` body; multipart's `payload_json` becomes `json`. */
export async function parseBody(contentType: string | undefined, raw: Buffer): Promise<ParsedBody> {
  if (raw.length === 0) return { json: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) return parseMultipart(contentType, raw);
  return { json: parseJson(raw.toString('utf8')), files: [] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError('invalid JSON');
  }
}

async function parseMultipart(contentType: string, raw: Buffer): Promise<ParsedBody> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const files: UploadedFile[] = [];
  const fields: Record<string, unknown> = {};
  let json: unknown;
  for (const [field, value] of form.entries()) {
    if (typeof value !== 'string') {
      const data = Buffer.from(await value.arrayBuffer());
      files.push({
        field,
        name: value.name,
        contentType: value.type || 'application/octet-stream',
        data,
        text: data.toString('utf8'),
      });
    } else if (field === 'payload_json') {
      json = parseJson(value);
    } else {
      fields[field] = value;
    }
  }
  return { json: json ?? (Object.keys(fields).length ? fields : undefined), files };
}
