/**
 * Renders the same postings as a research note in many layouts, the way study groups write them: entry
 * headings at any level, company and position on two levels, bold lines, list items, numbered links with
 * their lists beside, key–value cards, a table, folded blocks; labels as headings, bold, plain or
 * bracketed lines, `자격요건 :`, English, or one combined section; the link first, last or missing; the
 * role in the document title, in a grouping heading, in each title, or nowhere.
 */

export interface LayoutPosting {
  company: string;
  title: string;
  url: string;
  required: string[];
  preferred: string[];
}

export type EntryStyle =
  | { kind: 'heading'; level: number }
  | { kind: 'split'; level: number }
  | { kind: 'bold' }
  | { kind: 'list' }
  | { kind: 'numbered' }
  | { kind: 'card' }
  | { kind: 'table' }
  | { kind: 'details' }
  | { kind: 'html' };

export type LabelStyle =
  | 'heading'
  | 'bold'
  | 'plain'
  | 'bracket'
  | 'colon'
  | 'english'
  | 'qualifications'
  | 'combined'
  | 'item';
/** How an entry's head joins company and position. */
export type NameStyle = 'dash' | 'paren' | 'bar';
export type LinkPlace = 'first' | 'last' | 'none';
export type RolePlace = 'document' | 'group' | 'title' | 'none';

export interface Layout {
  entry: EntryStyle;
  labels: LabelStyle;
  link: LinkPlace;
  role: RolePlace;
  name: NameStyle;
  /** 우대사항 before 자격요건. */
  preferredFirst: boolean;
  /** How entry headings are numbered: `1.`, `2)`, `#3`, `[4]`, or not at all. */
  numbering: number;
}

const NUMBERINGS = ['', 'n. ', 'n) ', '#n ', '[n] '];
const numbered = (style: number, n: number, text: string) =>
  `${(NUMBERINGS[style % NUMBERINGS.length] ?? '').replace('n', String(n))}${text}`;

const ROLE_TITLE = '백엔드 개발자';
/** A position that names no role the role table knows. */
const PLAIN_TITLE = '소프트웨어 엔지니어';

/** The postings a layout is given: the title says the role only when the layout puts the role there. */
export function layoutPostings(role: RolePlace): LayoutPosting[] {
  const title = role === 'title' ? ROLE_TITLE : PLAIN_TITLE;
  return [
    {
      company: '가람소프트',
      title,
      url: 'https://jobs.example.com/garam/101',
      required: ['Java 개발 경험 3년 이상', 'REST API 설계 경험'],
      preferred: ['Kafka 운영 경험'],
    },
    {
      company: '나래데이터',
      title,
      url: 'https://jobs.example.com/narae/202',
      required: ['Python 서버 개발 경험', 'RDBMS 사용 경험', 'Git 협업 경험'],
      preferred: ['AWS 사용 경험', '테스트 코드 작성 경험'],
    },
    {
      company: '다온랩스',
      title,
      url: 'https://jobs.example.com/daon/303',
      required: ['Go 또는 Kotlin 개발 경험'],
      preferred: ['대용량 트래픽 처리 경험'],
    },
  ];
}

const LABELS: Record<Exclude<LabelStyle, 'combined'>, [string, string]> = {
  heading: ['자격요건', '우대사항'],
  bold: ['**자격 요건**', '**우대 사항**'],
  plain: ['자격요건', '우대사항'],
  bracket: ['[자격 요건]', '[우대 사항]'],
  colon: ['자격요건 :', '우대사항 :'],
  english: ['**Requirements**', '**Nice to have**'],
  qualifications: ['Qualifications:', 'Good to have:'],
  item: ['- 자격 조건', '- 우대 사항'],
};

/** The sections of one posting; `level` is the heading level a label heading takes. */
function sections(p: LayoutPosting, style: LabelStyle, level: number, preferredFirst: boolean): string[] {
  if (style === 'combined') {
    const required = p.required.map((i) => `- ${i}`);
    const preferred = p.preferred.map((i, n) => (n % 2 === 0 ? `- (우대) ${i}` : `- <우대> ${i}`));
    return [
      '**자격요건 및 우대사항**',
      '',
      ...(preferredFirst ? [...preferred, ...required] : [...required, ...preferred]),
      '',
    ];
  }
  const parts = sectionsInOrder(p, style, level);
  return preferredFirst ? [...parts.preferred, ...parts.required] : [...parts.required, ...parts.preferred];
}

function sectionsInOrder(p: LayoutPosting, style: Exclude<LabelStyle, 'combined'>, level: number) {
  if (style === 'item') {
    return {
      required: ['- 자격 조건', ...p.required.map((i) => `  - ${i}`), ''],
      preferred: ['- 우대 사항', ...p.preferred.map((i) => `  - ${i}`), ''],
    };
  }
  const [req, pref] = LABELS[style];
  const label = (text: string) => (style === 'heading' ? `${'#'.repeat(Math.min(6, level))} ${text}` : text);
  return {
    required: [label(req), '', ...p.required.map((i) => `- ${i}`), ''],
    preferred: [label(pref), '', ...p.preferred.map((i) => `- ${i}`), ''],
  };
}

const NAMES: Record<NameStyle, (p: LayoutPosting) => string> = {
  dash: (p) => `${p.company} - ${p.title}`,
  paren: (p) => `${p.company} (${p.title})`,
  bar: (p) => `${p.company} | ${p.title}`,
};

function entry(p: LayoutPosting, layout: Layout, base: number, n: number): string[] {
  const { entry: style, labels, link, preferredFirst } = layout;
  const first = link === 'first' ? [`[공고 보기](${p.url})`, ''] : [];
  const last = link === 'last' ? [`링크: ${p.url}`, ''] : [];
  const plainName = NAMES[layout.name](p);
  const name = numbered(layout.numbering, n, plainName);
  const body = (level: number) => sections(p, labels, level, preferredFirst);
  switch (style.kind) {
    case 'heading': {
      const level = base + style.level - 2;
      // The link first may be the company's own: `## [회사](url) - 직무`.
      if (link === 'first' && layout.name === 'dash')
        return [`${'#'.repeat(level)} [${p.company}](${p.url}) - ${p.title}`, '', ...body(level + 1)];
      return [`${'#'.repeat(level)} ${name}`, '', ...first, ...body(level + 1), ...last];
    }
    case 'split': {
      const level = base + style.level - 2;
      return [
        `${'#'.repeat(level)} ${numbered(layout.numbering, n, p.company)}`,
        '',
        `${'#'.repeat(level + 1)} ${p.title}`,
        '',
        ...first,
        ...body(level + 2),
        ...last,
      ];
    }
    case 'bold':
      return [`**${name}**`, '', ...first, ...body(6), ...last];
    case 'details':
      return ['<details>', `<summary>${name}</summary>`, '', ...first, ...body(6), ...last, '</details>', ''];
    case 'html':
      // An unclosed `<h3>` and a rule under it, as some notes are written.
      return [`<h3> ${name}`, '<hr>', '', ...first, ...body(4), ...last, '<br>', ''];
    case 'card':
      return [
        '---',
        '',
        `회사: ${p.company}`,
        `포지션: ${p.title}`,
        ...(link === 'none' ? [] : [`링크: ${p.url}`]),
        '',
        ...body(6),
      ];
    case 'list': {
      const head = link === 'first' ? `- [${p.company}](${p.url}) - ${p.title}` : `- ${plainName}`;
      return [
        head,
        '  - 자격 조건',
        ...p.required.map((i) => `    - ${i}`),
        '  - 우대 사항',
        ...p.preferred.map((i) => `    - ${i}`),
        ...(link === 'last' ? [`  - [공고 보기](${p.url})`] : []),
        '',
      ];
    }
    case 'numbered': {
      const head = link === 'first' ? `1. [${p.company}](${p.url}) - ${p.title}` : `1. ${plainName}`;
      return [
        head,
        '',
        '- 자격 요건',
        ...p.required.map((i) => `  - ${i}`),
        '- 우대 사항',
        ...p.preferred.map((i) => `  - ${i}`),
        '',
        ...last,
      ];
    }
    case 'table':
      return [];
  }
}

function table(postings: readonly LayoutPosting[], link: LinkPlace): string[] {
  const withLink = link !== 'none';
  const rows = postings.map(
    (p) =>
      `| ${p.company} | ${p.title} | ${p.required.join('<br>')} | ${p.preferred.join('<br>')} |${withLink ? ` ${p.url} |` : ''}`,
  );
  return [
    `| 회사 | 포지션 | 자격요건 | 우대사항 |${withLink ? ' 링크 |' : ''}`,
    `| --- | --- | --- | --- |${withLink ? ' --- |' : ''}`,
    ...rows,
    '',
  ];
}

/** The document: a title, maybe a grouping heading, the entries, and a summary at the end. */
export function renderLayout(postings: readonly LayoutPosting[], layout: Layout): string {
  const title = layout.role === 'document' ? '# 백엔드 채용공고 정리' : '# 채용공고 정리';
  const lines = [title, '', '오늘 살펴본 공고를 정리했습니다.', ''];
  let base = 2;
  if (layout.role === 'group') {
    lines.push('## 백엔드', '');
    base = 3;
  }
  if (layout.entry.kind === 'table') lines.push(...table(postings, layout.link));
  else for (const [i, p] of postings.entries()) lines.push(...entry(p, layout, base, i + 1));
  lines.push('', '## 총평', '', '- 공통 자격요건', '  - Java 또는 Python', '');
  return lines.join('\n');
}

const ENTRIES: EntryStyle[] = [
  { kind: 'heading', level: 2 },
  { kind: 'heading', level: 3 },
  { kind: 'heading', level: 4 },
  { kind: 'heading', level: 5 },
  { kind: 'split', level: 2 },
  { kind: 'split', level: 3 },
  { kind: 'bold' },
  { kind: 'details' },
  { kind: 'html' },
  { kind: 'card' },
  { kind: 'list' },
  { kind: 'numbered' },
  { kind: 'table' },
];
const NAME_STYLES: NameStyle[] = ['dash', 'paren', 'bar'];
const LABEL_STYLES: LabelStyle[] = [
  'heading',
  'bold',
  'plain',
  'bracket',
  'colon',
  'english',
  'combined',
  'item',
];
const LINKS: LinkPlace[] = ['first', 'last', 'none'];
const ROLES: RolePlace[] = ['document', 'group', 'title', 'none'];

/** Every layout: the product of the options that can go together. */
export function allLayouts(): Layout[] {
  const out: Layout[] = [];
  for (const entryStyle of ENTRIES) {
    // Lists, numbered links and tables carry their own labels.
    const own = entryStyle.kind === 'list' || entryStyle.kind === 'numbered' || entryStyle.kind === 'table';
    for (const labels of own ? (['item'] as LabelStyle[]) : LABEL_STYLES)
      for (const link of LINKS)
        for (const role of ROLES) {
          // Name styles and section order turn with the layouts rather than multiply them.
          const n = out.length;
          const name = NAME_STYLES[n % NAME_STYLES.length] ?? 'dash';
          out.push({
            entry: entryStyle,
            labels,
            link,
            role,
            name,
            preferredFirst: n % 5 === 2,
            numbering: n % 7,
          });
        }
  }
  return out;
}

export const describeLayout = (layout: Layout) =>
  [
    `${layout.entry.kind}${'level' in layout.entry ? layout.entry.level : ''} (${layout.name})`,
    `${layout.labels} labels${layout.preferredFirst ? ', preferred first' : ''}`,
    `link ${layout.link}`,
    `role ${layout.role}`,
  ].join(' / ');
