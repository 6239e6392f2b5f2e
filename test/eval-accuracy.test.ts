import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { halfOf, type LabeledPosting, readLabelFiles, readSplit } from '../eval/labels';
import { type Kind, type PostingResult, precision, recall, scoreHalf } from '../eval/score';
import { sectionText, tableCells } from '../eval/sections';

const EVAL = fileURLToPath(new URL('../eval/', import.meta.url));

// A research note of our own in the genre: one listed posting and one table row.
const note = [
  '# 채용공고 정리', // 1
  '## 가나다랩 - 백엔드', // 2
  '- 자격요건', // 3
  '  - Python 3년 이상', // 4
  '  - Django 경험', // 5
  '- 우대사항', // 6
  '  - AWS 경험', // 7
  '', // 8
  '| 회사 | 지원자격 | 우대사항 |', // 9
  '|---|:---:|---|', // 10
  '| 라마바 | Java<br/>Spring \\| JPA | Kafka |', // 11
];

describe('labeled sections', () => {
  it('joins the line ranges of a section', () => {
    expect(sectionText(note, { lines: [[4, 5]], skills: [] })).toBe('  - Python 3년 이상\n  - Django 경험');
    expect(
      sectionText(note, {
        lines: [
          [4, 4],
          [7, 7],
        ],
        skills: [],
      }),
    ).toContain('AWS');
  });

  it('takes a table column by its header, keeping escaped pipes in the cell', () => {
    expect(tableCells(note[10] ?? '')).toEqual(['라마바', 'Java<br/>Spring | JPA', 'Kafka']);
    expect(sectionText(note, { lines: [[11, 11]], column: '지원자격', skills: [] })).toBe(
      'Java<br/>Spring | JPA',
    );
    expect(sectionText(note, { lines: [[11, 11]], column: '우대사항', skills: [] })).toBe('Kafka');
  });

  it('refuses ranges outside the document and columns that do not exist', () => {
    expect(() => sectionText(note, { lines: [[10, 20]], skills: [] })).toThrow(/outside the document/);
    expect(() => sectionText(note, { lines: [[11, 11]], column: '연봉', skills: [] })).toThrow(/no column/);
    expect(() => sectionText(note, { lines: [[4, 4]], column: '지원자격', skills: [] })).toThrow(
      /not in a table/,
    );
  });
});

describe('scoring a half', () => {
  const kinds: Record<string, Kind> = { collaboration: 'concept' };
  const kindOf = (id: string): Kind => kinds[id] ?? 'named';
  const posting = (over: Partial<LabeledPosting>): LabeledPosting => ({
    company: 'A',
    required: { lines: [[1, 1]], skills: ['python', 'django', 'collaboration'] },
    preferred: { lines: [[2, 2]], skills: ['aws'] },
    minYears: 3,
    ...over,
  });
  const result = (p: LabeledPosting, found: string[][], minYears: number | null): PostingResult => ({
    document: 'corpus/x.md',
    half: 'tuning',
    posting: p,
    sections: {
      required: { skills: new Set(found[0]), items: [{ text: 'item', skills: found[0] ?? [] }] },
      preferred: { skills: new Set(found[1]), items: [{ text: 'item', skills: found[1] ?? [] }] },
    },
    minYears,
    maxYears: null,
  });

  it('counts named skills and concepts apart, per section', () => {
    const report = scoreHalf(
      [result(posting({}), [['python', 'flask', 'collaboration'], ['aws']], 3)],
      kindOf,
      () => true,
    );
    expect(report.sections.named).toEqual({ tp: 2, fp: 1, fn: 1 });
    expect(report.sections.concept).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(precision(report.sections.named)).toBeCloseTo(2 / 3);
    expect(recall(report.sections.named)).toBeCloseTo(2 / 3);
    expect(report.misses.map((m) => `${m.type} ${m.skill}`).sort()).toEqual(['fn django', 'fp flask']);
  });

  it('counts a skill found in the wrong section as a miss there, but not once the sections are merged', () => {
    const report = scoreHalf(
      [result(posting({}), [['python', 'django', 'collaboration', 'aws'], []], 3)],
      kindOf,
      () => true,
    );
    expect(report.sections.named).toEqual({ tp: 2, fp: 1, fn: 1 });
    expect(report.postingsMerged.named).toEqual({ tp: 3, fp: 0, fn: 0 });
  });

  it('compares minimum years exactly, and upper bounds where the label gives one', () => {
    const report = scoreHalf(
      [
        result(posting({ minYears: 2, maxYears: 5 }), [[], []], 2),
        result(posting({ minYears: null }), [[], []], 1),
      ],
      kindOf,
      () => true,
    );
    expect(report.experience).toEqual({ right: 1, total: 2, maxRight: 0, maxTotal: 1 });
  });

  it('reports ids the taxonomy lacks', () => {
    const report = scoreHalf([result(posting({}), [[], []], 3)], kindOf, (id) => id !== 'django');
    expect([...report.unknownIds]).toEqual([['django', 1]]);
  });
});

describe('the label files in the repository', () => {
  const split = readSplit(`${EVAL}split.json`);
  const files = readLabelFiles(`${EVAL}labels`);

  it('parse, and every labeled document is in exactly one half', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(halfOf(split, file.document), file.document).toBeDefined();
  });

  it('give ordered line ranges', () => {
    const bad = files.flatMap((f) =>
      f.postings.flatMap((p) =>
        [p.required, p.preferred].flatMap((s) =>
          (s?.lines ?? []).filter(([a, b]) => a > b).map(() => `${f.document} ${p.company ?? ''}`),
        ),
      ),
    );
    expect(bad).toEqual([]);
  });
});

describe('the accuracy script’s options', () => {
  const script = fileURLToPath(new URL('../eval/accuracy.ts', import.meta.url));
  const run = (...args: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'accuracy-'));
    try {
      return spawnSync(process.execPath, ['--import', 'tsx', script, dir, ...args], { encoding: 'utf8' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('lists misses only beside --half tuning, never the held-out half’s', () => {
    const bare = run('--misses');
    expect(bare.status).toBe(1);
    expect(bare.stderr).toMatch(/--half tuning/);
    expect(run('--half', 'held-out', '--misses').status).toBe(1);
  });

  it('refuses a half it does not know', () => {
    const wrong = run('--half', 'everything');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/tuning or held-out/);
  });
});
