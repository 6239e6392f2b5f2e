import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock';
import { UserError } from '../errors';
import type { Posting } from '../postings/schema';
import type { PostingService } from '../postings/service';
import type { RoleDirectory } from '../roles';
import type { Store } from '../store/repository';
import { recordType } from '../store/repository';
import { type ImportPlan, parseResearchDocument, planImport } from './index';

/** The summary a document's authors wrote themselves ("Review", "공통사항"), kept per role beside the computed one. */
export const authorSummaryRecord = recordType(
  'author-summary',
  z.object({
    text: z.string().max(20_000),
    source: z.string().max(200).optional(),
    importedAt: z.iso.datetime(),
  }),
);
export type AuthorSummary = z.infer<typeof authorSummaryRecord.schema>;

/** How long an import preview waits for its Import button. */
export const PREVIEW_TTL_MS = 15 * 60_000;

interface Staged {
  guildId: string;
  userId: string;
  plan: ImportPlan;
  source?: string;
  expires: number;
}

export interface ImportResult {
  added: Posting[];
  plan: ImportPlan;
}

export function createImportService(deps: {
  store: Store;
  clock: Clock;
  postings: PostingService;
  roles: RoleDirectory;
}) {
  const staged = new Map<string, Staged>();

  const prune = () => {
    const now = deps.clock.now().getTime();
    for (const [token, entry] of staged) if (entry.expires <= now) staged.delete(token);
  };

  const service = {
    /** What importing the document would do; nothing is stored. */
    async preview(
      guildId: string,
      document: Uint8Array | string,
      options: { role?: string; submittedBy?: string } = {},
    ): Promise<ImportPlan> {
      let role: string | undefined;
      if (options.role) {
        const resolved = deps.roles.resolve(options.role);
        if (!resolved) throw new UserError('role.unknown', { role: options.role.slice(0, 50) });
        role = resolved.id;
      }
      const parsed = parseResearchDocument(document, role ? { role } : {});
      return planImport(
        parsed,
        {
          resolveRole: (text) => deps.roles.resolve(text)?.id,
          findByUrl: async (canonical) => deps.postings.findByUrl(guildId, canonical),
        },
        options.submittedBy ? { submittedBy: options.submittedBy } : {},
      );
    },

    /** Stores a plan's postings, all or none, and keeps the authors' own summary with each role imported. */
    async commit(guildId: string, plan: ImportPlan, source?: string): Promise<ImportResult> {
      if (plan.inputs.length === 0) throw new UserError('import.empty');
      const summary = plan.authorSummary;
      const importedAt = deps.clock.now().toISOString();
      // The authors' summary is written in the same unit of change as the postings: both or neither.
      const added = await deps.postings.addMany(guildId, plan.inputs, {
        also: (tx, postings) => {
          if (!summary) return;
          const record = {
            text: summary.slice(0, 20_000),
            ...(source ? { source: source.slice(0, 200) } : {}),
            importedAt,
          };
          for (const roleId of new Set(postings.map((p) => p.roleId)))
            tx.write(authorSummaryRecord, roleId, record);
        },
      });
      return { added, plan };
    },

    async authorSummary(guildId: string, roleId: string): Promise<AuthorSummary | undefined> {
      return deps.store.guild(guildId).get(authorSummaryRecord, roleId);
    },

    /** Keeps a preview for its Import button; only the member who asked can use the token. */
    stage(guildId: string, userId: string, plan: ImportPlan, source?: string): string {
      prune();
      const token = randomBytes(6).toString('base64url');
      staged.set(token, {
        guildId,
        userId,
        plan,
        ...(source ? { source } : {}),
        expires: deps.clock.now().getTime() + PREVIEW_TTL_MS,
      });
      return token;
    },

    /** The staged preview, once: a second press, another server or an expired token find nothing. */
    take(token: string, guildId: string, userId: string): Staged | undefined {
      prune();
      const entry = staged.get(token);
      if (!entry || entry.guildId !== guildId || entry.userId !== userId) return undefined;
      staged.delete(token);
      return entry;
    },

    /** Whether a token is staged for someone else (so the press can be refused rather than called expired). */
    ownerOf(token: string): string | undefined {
      prune();
      return staged.get(token)?.userId;
    },
  };
  return service;
}
export type ImportService = ReturnType<typeof createImportService>;
