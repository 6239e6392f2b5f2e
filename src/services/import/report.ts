import { hasMessage, type Locale, type MessageKey, type Translate, translator } from '../../i18n';
import type { PostingInput } from '../postings/schema';
import type { SkipReason } from './markdown';
import type { ImportWarning } from './warnings';

/** A posting's fields as the postings service takes them; `role` is null while its role is needed. */
export type PlannedInput = Omit<PostingInput, 'role'> & { role: string | null };

/** A posting the import found, as the dry run shows it. */
export interface PlannedPosting {
  company: string;
  /** False when the document named no company for it (the company reads UNKNOWN_COMPANY). */
  companyFound: boolean;
  title?: string;
  url?: string;
  /** The role text that resolved (the option, or the document's words), or null when none did. */
  role: string | null;
  roleId: string | null;
  /** No role was given or found: the posting is stored once one is chosen. */
  roleNeeded?: true;
  /** The role was told from the posting's skills, not said by the document. */
  roleInferred?: true;
  /** The entry had no section labels: its list was taken as its requirements. */
  unlabeled?: true;
  required: number;
  preferred: number;
  line: number;
}

export type SkipReportReason = SkipReason | 'too-long';

export interface SkippedReport {
  company?: string;
  title?: string;
  url?: string;
  line: number;
  reason: SkipReportReason;
  /** The field that is too long. */
  detail?: string;
}

export interface DuplicateReport {
  company: string;
  title?: string;
  url?: string;
  line: number;
  /** `server`: the server already has this posting (same link, or same content); `document`: twice in the file. */
  of: 'server' | 'document';
  existing?: { id: number; company: string };
  /** Line of the first occurrence, for a duplicate within the document. */
  firstLine?: number;
}

export interface ImportPlan {
  /** What to hand to the postings service (all or nothing), in document order, one per posting. */
  inputs: PlannedInput[];
  /** One per input, same order: what the dry run lists. */
  postings: PlannedPosting[];
  skipped: SkippedReport[];
  duplicates: DuplicateReport[];
  /** The document's own summary (`## Review`, `공통사항`…), as markdown, to keep beside the computed one. */
  authorSummary?: string;
  /** The document's title, which names its summary. */
  title?: string;
  warnings: ImportWarning[];
  /** Nothing to store, even with a role chosen. */
  empty: boolean;
}

/** The inputs that have a role, ready for the postings service. */
export const storableInputs = (plan: ImportPlan): PostingInput[] =>
  plan.inputs.flatMap((input) => (input.role === null ? [] : [{ ...input, role: input.role }]));

export const roleNeededCount = (plan: ImportPlan) => plan.postings.filter((p) => p.roleNeeded).length;

const REASONS: Record<SkipReportReason, MessageKey> = {
  'no-sections': 'import.report.reason.no-sections',
  'empty-sections': 'import.report.reason.empty-sections',
  'too-long': 'import.report.reason.too-long',
};

const WARNINGS: Record<ImportWarning['code'], MessageKey> = {
  large: 'import.warning.large',
  outside: 'import.warning.outside',
  'bad-link': 'import.warning.bad-link',
};

export function warningText(t: Translate, warning: ImportWarning): string {
  const { code, ...params } = warning;
  return t(WARNINGS[code], params);
}

export interface ReportOptions {
  locale?: Locale;
  maxEntries?: number;
  /** A role id in the reader's language; without it, the role as the document or option worded it. */
  roleLabel?: (roleId: string, locale: Locale) => string;
  /** Where the report is read: the command line names `--role`, Discord its role menu. */
  surface?: 'cli' | 'discord';
}

/** The dry-run report as plain text (one line per entry), in Korean or English. */
export function formatImportReport(plan: ImportPlan, options: ReportOptions = {}): string {
  const locale = options.locale ?? 'ko';
  const t = translator(locale);
  const max = options.maxEntries ?? 30;
  const noCompany = t('import.report.no-company');
  const name = (entry: { company?: string; title?: string }) => {
    const company = entry.company || noCompany;
    return entry.title ? `${company} — ${entry.title}` : company;
  };
  const line = (n: number) => t('import.report.line', { line: n });
  const roleName = (p: PlannedPosting & { roleId: string }) =>
    options.roleLabel?.(p.roleId, locale) ?? p.role ?? p.roleId;
  const out: string[] = [];
  const list = <T>(entries: T[], render: (entry: T) => string) => {
    for (const entry of entries.slice(0, max)) out.push(`- ${render(entry)}`);
    if (entries.length > max) out.push(`- ${t('import.report.more', { count: entries.length - max })}`);
  };

  if (plan.postings.length > 0) {
    out.push(t('import.report.found', { count: plan.postings.length }));
    list(plan.postings, (p) => {
      const who = name(p.companyFound ? p : { ...p, company: noCompany });
      const role =
        p.roleId === null
          ? t('import.report.role-needed')
          : p.roleInferred
            ? t('import.report.role-inferred', { role: roleName({ ...p, roleId: p.roleId }) })
            : roleName({ ...p, roleId: p.roleId });
      const items = t('import.report.items', { required: p.required, preferred: p.preferred });
      const unlabeled = p.unlabeled ? ` · ${t('import.report.unlabeled')}` : '';
      return `${who} · ${role} · ${items}${unlabeled}`;
    });
    const needed = roleNeededCount(plan);
    if (needed > 0) {
      const how =
        options.surface === 'discord' ? 'import.report.role-how.discord' : 'import.report.role-how.cli';
      out.push('', t('import.report.role-needed-count', { count: needed }), t(how));
    }
  } else {
    const linksOnly = plan.skipped.filter((s) => s.reason === 'no-sections').length;
    out.push(
      linksOnly > 0 && plan.duplicates.length === 0
        ? t('import.report.links-only', { count: linksOnly })
        : t('import.report.none'),
    );
  }
  if (plan.duplicates.length > 0) {
    out.push('', t('import.report.duplicates', { count: plan.duplicates.length }));
    list(plan.duplicates, (d) => {
      const why =
        d.of === 'server' && d.existing
          ? t('import.report.server', { id: d.existing.id, company: d.existing.company })
          : t('import.report.document', { line: d.firstLine ?? 0 });
      return `${name(d)} (${line(d.line)}): ${why}`;
    });
  }
  if (plan.skipped.length > 0) {
    out.push('', t('import.report.skipped', { count: plan.skipped.length }));
    list(plan.skipped, (s) => {
      const detailKey = `field.${s.detail ?? ''}`;
      const detail = s.detail ? ` (${hasMessage(detailKey) ? t(detailKey) : s.detail})` : '';
      return `${name(s)} (${line(s.line)}): ${t(REASONS[s.reason])}${detail}`;
    });
  }
  if (plan.authorSummary) out.push('', t('import.report.summary'));
  if (plan.warnings.length > 0) out.push('', ...plan.warnings.map((w) => `⚠ ${warningText(t, w)}`));
  return out.join('\n');
}
