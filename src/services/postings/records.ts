import { z } from 'zod';
import { recordType } from '../store/repository';
import { postingSchema } from './schema';

export const postingRecord = recordType('posting', postingSchema);

/**
 * The shape of the derived records (role totals with their categories, months and implied counts, company
 * counts); a change makes every server rebuild them.
 * 5: written in atomic units of change, with implied skills counted apart from named ones (servers written
 * before either are recounted once from their postings).
 * 6: a content fingerprint index, so a posting without a link is known when it comes again.
 */
export const DERIVED_SCHEMA = 6;

export const guildMetaSchema = z.object({
  schema: z.literal(1),
  nextId: z.number().int().positive(),
  taxonomyVersion: z.string(),
  derivedSchema: z.number().int().default(1),
  /** Postings per role id. */
  roles: z.record(z.string(), z.number().int().min(0)),
});
export type GuildMeta = z.infer<typeof guildMetaSchema>;
export const guildMetaRecord = recordType('meta', guildMetaSchema);

export const urlIndexRecord = recordType('url', z.object({ id: z.number().int().positive() }));

/**
 * Postings by content key (see contentKey), oldest first, each with its role: the same content under the
 * same role is the same posting; several are there when a member added one again on purpose.
 */
export const contentIndexRecord = recordType(
  'content',
  z.object({
    postings: z.array(z.object({ id: z.number().int().positive(), roleId: z.string() })).min(1),
  }),
);
export type ContentEntry = z.infer<typeof contentIndexRecord.schema>['postings'][number];

export const indexEntrySchema = z.object({
  id: z.number().int().positive(),
  roleId: z.string(),
  company: z.string(),
  title: z.string().optional(),
  url: z.string().optional(),
  submittedBy: z.string().optional(),
  createdAt: z.iso.datetime(),
});
export type IndexEntry = z.infer<typeof indexEntrySchema>;

/** Postings listed by id in chunks, so listing and the weekly digest never scan the postings themselves. */
export const INDEX_CHUNK = 200;
export const indexChunkRecord = recordType('index', z.object({ entries: z.array(indexEntrySchema) }));
export const chunkOf = (id: number) => Math.floor((id - 1) / INDEX_CHUNK);
