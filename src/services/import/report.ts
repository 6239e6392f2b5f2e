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

type Locale = 'ko' | 'en';

const TEXT = {
  ko: {
    found: (n: number) => `공고 ${n}개를 찾았습니다.`,
    none: '가져올 공고가 없습니다.',
    linksOnly: (n: number) => `링크만 있는 항목 ${n}개가 있고, 자격요건/우대사항이 적힌 공고는 없습니다.`,
    items: (r: number, p: number) => `자격요건 ${r} · 우대사항 ${p}`,
    skippedHead: (n: number) => `건너뛴 항목 ${n}개:`,
    duplicatesHead: (n: number) => `중복 ${n}개 (가져오지 않음):`,
    reason: {
      'no-sections': '자격요건/우대사항 없음',
      'empty-sections': '자격요건/우대사항 항목이 비어 있음',
      'role-unknown': '직무를 알 수 없음',
      'too-long': '내용이 너무 김',
    } satisfies Record<SkipReportReason, string>,
    server: (id: number, company: string) => `이미 등록됨: #${id} ${company}`,
    document: (line: number) => `문서 안에서 중복 (${line}행과 같음)`,
    summary: '작성자 요약이 함께 저장됩니다.',
    more: (n: number) => `… 외 ${n}개`,
    line: (n: number) => `${n}행`,
    noCompany: '회사명 없음',
  },
  en: {
    found: (n: number) => `Found ${n} posting${n === 1 ? '' : 's'}.`,
    none: 'Nothing to import.',
    linksOnly: (n: number) =>
      `${n} entr${n === 1 ? 'y has' : 'ies have'} only a link; no posting lists requirements or preferred skills.`,
    items: (r: number, p: number) => `${r} required · ${p} preferred`,
    skippedHead: (n: number) => `Skipped ${n}:`,
    duplicatesHead: (n: number) => `Duplicates ${n} (not imported):`,
    reason: {
      'no-sections': 'no requirements or preferred section',
      'empty-sections': 'requirements and preferred sections are empty',
      'role-unknown': 'unknown role',
      'too-long': 'too long',
    } satisfies Record<SkipReportReason, string>,
    server: (id: number, company: string) => `already on this server: #${id} ${company}`,
    document: (line: number) => `twice in the document (same as line ${line})`,
    summary: "The author's summary will be kept with the import.",
    more: (n: number) => `… and ${n} more`,
    line: (n: number) => `line ${n}`,
    noCompany: 'no company name',
  },
} as const;

const name = (entry: { company?: string; title?: string }, fallback: string) => {
  const company = entry.company || fallback;
  return entry.title ? `${company} — ${entry.title}` : company;
};

/** The dry-run report as plain text (one line per entry), in Korean or English. */
export function formatImportReport(
  plan: ImportPlan,
  options: { locale?: Locale; maxEntries?: number } = {},
): string {
  const t = TEXT[options.locale ?? 'ko'];
  const max = options.maxEntries ?? 30;
  const out: string[] = [];
  const list = <T>(entries: T[], render: (entry: T) => string) => {
    for (const entry of entries.slice(0, max)) out.push(`- ${render(entry)}`);
    if (entries.length > max) out.push(`- ${t.more(entries.length - max)}`);
  };

  if (plan.postings.length > 0) {
    out.push(t.found(plan.postings.length));
    list(plan.postings, (p) => {
      const who = p.companyFound ? name(p, t.noCompany) : name({ ...p, company: t.noCompany }, t.noCompany);
      return `${who} · ${p.role} · ${t.items(p.required, p.preferred)}`;
    });
  } else {
    const linksOnly = plan.skipped.filter((s) => s.reason === 'no-sections').length;
    out.push(linksOnly > 0 && plan.duplicates.length === 0 ? t.linksOnly(linksOnly) : t.none);
  }
  if (plan.duplicates.length > 0) {
    out.push('', t.duplicatesHead(plan.duplicates.length));
    list(plan.duplicates, (d) => {
      const why =
        d.of === 'server' && d.existing
          ? t.server(d.existing.id, d.existing.company)
          : t.document(d.firstLine ?? 0);
      return `${name(d, t.noCompany)} (${t.line(d.line)}): ${why}`;
    });
  }
  if (plan.skipped.length > 0) {
    out.push('', t.skippedHead(plan.skipped.length));
    list(plan.skipped, (s) => {
      const detail = s.detail ? ` (${s.detail})` : '';
      return `${name(s, t.noCompany)} (${t.line(s.line)}): ${t.reason[s.reason]}${detail}`;
    });
  }
  if (plan.authorSummary) out.push('', t.summary);
  if (plan.warnings.length > 0) out.push('', ...plan.warnings.map((w) => `⚠ ${w}`));
  return out.join('\n');
}
