import { hasMessage, type Locale, type MessageKey, type Translate, translator } from '../../i18n';
import type { PostingInput } from '../postings/schema';
import type { SkipReason } from './markdown';

/** A posting the import would store, as the dry run shows it. */
export interface PlannedPosting {
  company: string;
  /** False when the document named no company for it (the company reads UNKNOWN_COMPANY). */
  companyFound: boolean;
  title?: string;
  url?: string;
  /** The role text that resolved, and the role it resolved to. */
  role: string;
  roleId: string;
  required: number;
  preferred: number;
  line: number;
}

export type SkipReportReason = SkipReason | 'role-unknown' | 'too-long';

export interface SkippedReport {
  company?: string;
  title?: string;
  url?: string;
  line: number;
  reason: SkipReportReason;
  /** The role text that did not resolve, or the field that is too long. */
  detail?: string;
}

export interface DuplicateReport {
  company: string;
  title?: string;
  url?: string;
  line: number;
  /** `server`: the server already has a posting with this URL; `document`: it is twice in the file. */
  of: 'server' | 'document';
  existing?: { id: number; company: string };
  /** Line of the first occurrence, for a duplicate within the document. */
  firstLine?: number;
}

export interface ImportPlan {
  /** What to hand to the postings service (all or nothing), in document order. */
  inputs: PostingInput[];
  /** One per input, same order: what the dry run lists. */
  postings: PlannedPosting[];
  skipped: SkippedReport[];
  duplicates: DuplicateReport[];
  /** The document's own summary (`## Review`, `공통사항`…), as markdown, to keep beside the computed one. */
  authorSummary?: string;
  warnings: string[];
  /** Nothing to store. */
  empty: boolean;
}

const REASONS: Record<SkipReportReason, MessageKey> = {
  'no-sections': 'import.report.reason.no-sections',
  'empty-sections': 'import.report.reason.empty-sections',
  'role-unknown': 'import.report.reason.role-unknown',
  'too-long': 'import.report.reason.too-long',
};

/** The parser's warnings, which it writes in English for logs and JSON, in the reader's language. */
function warningText(t: Translate, warning: string): string {
  if (/^large document/.test(warning)) return t('import.warning.large');
  const outside = /^line (\d+): requirements outside any company entry/.exec(warning);
  if (outside) return t('import.warning.outside', { line: Number(outside[1]) });
  const link = /^line (\d+): (.*): the link is not a web address/.exec(warning);
  if (link) return t('import.warning.bad-link', { line: Number(link[1]), company: link[2] ?? '' });
  return warning;
}

/** The dry-run report as plain text (one line per entry), in Korean or English. */
export function formatImportReport(
  plan: ImportPlan,
  options: { locale?: Locale; maxEntries?: number } = {},
): string {
  const t = translator(options.locale ?? 'ko');
  const max = options.maxEntries ?? 30;
  const noCompany = t('import.report.no-company');
  const name = (entry: { company?: string; title?: string }) => {
    const company = entry.company || noCompany;
    return entry.title ? `${company} — ${entry.title}` : company;
  };
  const line = (n: number) => t('import.report.line', { line: n });
  const out: string[] = [];
  const list = <T>(entries: T[], render: (entry: T) => string) => {
    for (const entry of entries.slice(0, max)) out.push(`- ${render(entry)}`);
    if (entries.length > max) out.push(`- ${t('import.report.more', { count: entries.length - max })}`);
  };

  if (plan.postings.length > 0) {
    out.push(t('import.report.found', { count: plan.postings.length }));
    list(plan.postings, (p) => {
      const who = name(p.companyFound ? p : { ...p, company: noCompany });
      return `${who} · ${p.role} · ${t('import.report.items', { required: p.required, preferred: p.preferred })}`;
    });
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
