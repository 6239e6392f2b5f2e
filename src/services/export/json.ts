import { z } from 'zod';
import { type Posting, postingSchema } from '../postings/schema';

export const EXPORT_VERSION = 1;

/** The file a JSON export writes: the postings exactly as stored, with when and where they came from. */
export const exportEnvelopeSchema = z.object({
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.iso.datetime(),
  guild: z.string().optional(),
  postings: z.array(postingSchema),
});
export type ExportEnvelope = z.infer<typeof exportEnvelopeSchema>;

export interface JsonExportOptions {
  guild?: string;
  /** Time of the export; now by default. */
  now?: Date;
}

export function renderJson(postings: readonly Posting[], options: JsonExportOptions = {}): string {
  const envelope: ExportEnvelope = {
    version: EXPORT_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    ...(options.guild ? { guild: options.guild } : {}),
    postings: [...postings],
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** Reads a JSON export back, checking it against the schema; throws a ZodError when it does not match. */
export function parseJsonExport(text: string): ExportEnvelope {
  return exportEnvelopeSchema.parse(JSON.parse(text));
}
