import { createHash, randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../clock';
import { UserError } from '../errors';
import type { Posting } from '../postings/schema';
import type { PostingService } from '../postings/service';
import type { RoleDirectory } from '../roles';
import type { ChangeSet, Store } from '../store/repository';
import { recordType } from '../store/repository';
import {
  assignRole,
  type ImportDeps,
  type ImportPlan,
  parseResearchDocument,
  planImport,
  type RoleInferrer,
  storableInputs,
} from './index';

/**
 * A summary a document's authors wrote themselves ("Review", "공통사항"), kept per document and role beside
 * the computed one. Keyed `<role>/<document key>`; a key that is the role alone was written before summaries
 * were kept per document, and is shown as it is.
 */
export const authorSummaryRecord = recordType(
  'author-summary',
  z.object({
    text: z.string().max(20_000),
    /** The document's title, or its file name. */
    document: z.string().max(200).optional(),
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

/** What names a document's summary: its title, else its file name. */
export function documentName(title: string | undefined, source: string | undefined): string | undefined {
  const name = title?.trim() || (source ? basename(source).trim() : '');
  return name ? name.slice(0, 200) : undefined;
}

const documentKey = (name: string) =>
  createHash('sha256').update(name.normalize('NFC').toLowerCase()).digest('base64url').slice(0, 16);

export function createImportService(deps: {
  store: Store;
  clock: Clock;
  postings: PostingService;
  roles: RoleDirectory;
  inference: RoleInferrer;
}) {
  const staged = new Map<string, Staged>();

  const prune = () => {
    const now = deps.clock.now().getTime();
    for (const [token, entry] of staged) if (entry.expires <= now) staged.delete(token);
  };

  const serverOf = (guildId: string): ImportDeps => ({
    resolveRole: (text) => deps.roles.resolve(text)?.id,
    inferRole: (required, preferred) => deps.inference.infer(required, preferred)?.roleId,
    findByUrl: async (canonical) => deps.postings.findByUrl(guildId, canonical),
    findByContent: async (key, roleId) => deps.postings.findByContent(guildId, key, roleId),
  });

  /** Keeps the document's summary for each role it brought, replacing that document's earlier one. */
  const keepSummary = async (
    tx: ChangeSet,
    roleIds: Iterable<string>,
    summary: { text: string; document?: string; source?: string; importedAt: string },
  ) => {
    for (const roleId of new Set(roleIds)) {
      const key = summary.document ? `${roleId}/${documentKey(summary.document)}` : roleId;
      tx.write(authorSummaryRecord, key, summary);
      // The one summary an older version kept for the role, when it came from the same file.
      const legacy = key === roleId ? undefined : await tx.read(authorSummaryRecord, roleId);
      if (legacy?.source && summary.source && basename(legacy.source) === basename(summary.source))
        tx.delete(authorSummaryRecord, roleId);
    }
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
      return planImport(parseResearchDocument(document), serverOf(guildId), {
        ...(role ? { role } : {}),
        ...(options.submittedBy ? { submittedBy: options.submittedBy } : {}),
      });
    },

    /** The plan with `roleId` given to the postings whose role was needed. */
    async withRole(guildId: string, plan: ImportPlan, roleId: string): Promise<ImportPlan> {
      const role = deps.roles.get(roleId) ?? deps.roles.resolve(roleId);
      if (!role) throw new UserError('role.unknown', { role: roleId.slice(0, 50) });
      return assignRole(plan, role.id, serverOf(guildId));
    },

    /**
     * Stores a plan's postings that have a role, all or none, and keeps the authors' own summary with each
     * role imported, named by the document.
     */
    async commit(guildId: string, plan: ImportPlan, source?: string): Promise<ImportResult> {
      const inputs = storableInputs(plan);
      if (inputs.length === 0) throw new UserError('import.empty');
      const text = plan.authorSummary?.slice(0, 20_000);
      const document = documentName(plan.title, source);
      const summary = text
        ? {
            text,
            ...(document ? { document } : {}),
            ...(source ? { source: source.slice(0, 200) } : {}),
            importedAt: deps.clock.now().toISOString(),
          }
        : undefined;
      // The authors' summary is written in the same unit of change as the postings: both or neither.
      const added = await deps.postings.addMany(guildId, inputs, {
        also: (tx, postings) =>
          summary
            ? keepSummary(
                tx,
                postings.map((p) => p.roleId),
                summary,
              )
            : undefined,
      });
      return { added, plan };
    },

    /** The summaries imported documents brought for a role, newest first. */
    async authorSummaries(guildId: string, roleId: string): Promise<AuthorSummary[]> {
      const found: AuthorSummary[] = [];
      for await (const [key, summary] of deps.store.guild(guildId).scan(authorSummaryRecord)) {
        if (key === roleId || key.startsWith(`${roleId}/`)) found.push(summary);
      }
      return found.sort((a, b) => b.importedAt.localeCompare(a.importedAt));
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

    /** The staged preview without taking it (a role chosen for it keeps it staged). */
    peek(token: string, guildId: string, userId: string): Staged | undefined {
      prune();
      const entry = staged.get(token);
      return entry && entry.guildId === guildId && entry.userId === userId ? entry : undefined;
    },

    /** Replaces a staged preview's plan (after a role was chosen), keeping its token and expiry. */
    restage(token: string, plan: ImportPlan): void {
      const entry = staged.get(token);
      if (entry) entry.plan = plan;
    },

    /** The staged preview, once: a second press, another server or an expired token find nothing. */
    take(token: string, guildId: string, userId: string): Staged | undefined {
      const entry = service.peek(token, guildId, userId);
      if (entry) staged.delete(token);
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
