import { type Locale, translator } from '../../i18n';
import { UserError } from '../errors';
import { UNKNOWN_COMPANY } from '../import/markdown';
import type { ImportService } from '../import/service';
import type { Section } from '../postings/schema';
import type { PostingService } from '../postings/service';
import type { RoleDirectory } from '../roles';
import type { SummaryService } from '../summary';
import { CSV_HEADER, type ExportFormat, exportPostings } from './index';
import type { MarkdownLabels, RoleSummaryInput } from './markdown';

const REVIEW_TOP = 15;

/** The words of an export around the postings, from the catalog, in the reader's language. */
function documentWords(locale: Locale) {
  const t = translator(locale);
  const labels: MarkdownLabels = {
    title: t('export.md.title'),
    role: (role) => t('export.md.role', { role }),
    required: t('export.md.required'),
    preferred: t('export.md.preferred'),
    review: t('export.md.review'),
    commonRequired: t('export.md.common-required'),
    commonPreferred: t('export.md.common-preferred'),
    impliedSome: (count) => t('summary.implied-some', { count }),
    impliedAll: t('summary.implied-all'),
    impliedNote: t('summary.implied-note'),
    company: (company) => (company === UNKNOWN_COMPANY ? t('company.unknown') : company),
  };
  const header = CSV_HEADER.map((column) => t(`export.csv.${column}`));
  const sectionLabel = (section: Section) => t(`export.csv.section.${section}`);
  return { labels, header, sectionLabel, company: labels.company };
}

export function createExportService(deps: {
  postings: PostingService;
  summary: SummaryService;
  roles: RoleDirectory;
  imports: ImportService;
}) {
  return {
    /** The server's postings (or one role's) as a file: a markdown report, CSV rows or JSON. */
    async export(
      guildId: string,
      options: { format: ExportFormat; roleId?: string; locale?: 'ko' | 'en'; now?: Date },
    ) {
      const postings = await deps.postings.all(guildId, options.roleId ? { roleId: options.roleId } : {});
      if (postings.length === 0) throw new UserError('export.empty');
      const roleIds = [...new Set(postings.map((p) => p.roleId))];
      const locale = options.locale ?? 'ko';
      const roleLabel = (id: string) => deps.roles.label(id, locale);
      const summaries: Record<string, RoleSummaryInput> = {};
      // One document's summary kept for several roles is shown once, naming them all.
      const authored = new Map<string, { document: string; text: string; roles: string[] }>();
      const t = translator(locale);
      if (options.format === 'markdown') {
        for (const roleId of roleIds) {
          const s = await deps.summary.forRole(guildId, roleId);
          const rows = (list: typeof s.required) =>
            list
              .slice(0, REVIEW_TOP)
              .map((x) => ({ label: x.label, count: x.count, share: x.share, implied: x.implied }));
          summaries[roleId] = {
            required: rows(s.required),
            preferred: rows(s.preferred),
            postings: s.postings,
          };
          for (const own of await deps.imports.authorSummaries(guildId, roleId)) {
            const document = own.document ?? own.source ?? t('export.md.earlier-import');
            const key = `${document}\u0000${own.text}`;
            const entry = authored.get(key) ?? { document, text: own.text, roles: [] };
            entry.roles.push(roleLabel(roleId));
            authored.set(key, entry);
          }
        }
      }
      const authorSummaries = [...authored.values()].map((entry) => ({
        label: t('export.md.author-summary', { document: entry.document, roles: entry.roles.join(', ') }),
        text: entry.text,
      }));
      const basename = `role-radar-${options.roleId ?? 'all'}`;
      const file = exportPostings(options.format, postings, {
        basename,
        roleLabel,
        ...documentWords(locale),
        summary: summaries,
        authorSummaries,
        guild: guildId,
        ...(options.now ? { now: options.now } : {}),
      });
      return { ...file, postings: postings.length };
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
