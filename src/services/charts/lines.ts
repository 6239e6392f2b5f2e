import { CHART_FONT_FAMILY } from './render';
import { clip, esc, PALETTE, pct, textWidth } from './svg';

export interface LineSeries {
  label: string;
  /** One value per x label, 0 to 1; null where there is nothing to measure (a month without postings). */
  values: (number | null)[];
  color: string;
}

export interface LineSpec {
  title: string;
  subtitle?: string;
  xLabels: string[];
  /** A second, smaller line under each x label (the month's posting count). */
  xNotes?: string[];
  series: LineSeries[];
  footnote?: string;
  /** Shown in the plot when no series has two points to join. */
  emptyNote?: string;
}

export const LINES_SIZE = { width: 1200, height: 720 } as const;

const num = (n: number) => (Math.round(n * 10) / 10).toString();

/** The smallest of 10, 20, 25, 40, 50, 60, 80, 100% that holds the largest value. */
function ceiling(max: number): number {
  for (const step of [0.1, 0.2, 0.25, 0.4, 0.5, 0.6, 0.8]) if (max <= step) return step;
  return 1;
}

/** A line chart of shares as SVG: one line per series, its name and last value at its end. */
export function lineSvg(spec: LineSpec): string {
  const { width, height } = LINES_SIZE;
  const labelWidth = Math.min(
    300,
    Math.max(160, ...spec.series.map((s) => textWidth(`${s.label} 100%`, 21) + 24)),
  );
  const left = 96;
  const right = width - labelWidth - 24;
  const top = 160;
  const bottom = height - 118;
  const values = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const yMax = ceiling(Math.max(0.01, ...values));
  const n = spec.xLabels.length;
  const x = (i: number) => (n <= 1 ? (left + right) / 2 : left + ((right - left) * i) / (n - 1));
  const y = (v: number) => bottom - ((bottom - top) * v) / yMax;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect width="${width}" height="${height}" fill="${PALETTE.background}"/>`,
    `<text x="56" y="74" font-size="36" font-weight="700" fill="${PALETTE.ink}">${esc(clip(spec.title, 36, width - 112))}</text>`,
  );
  if (spec.subtitle) {
    out.push(
      `<text x="56" y="114" font-size="23" fill="${PALETTE.muted}">${esc(clip(spec.subtitle, 23, width - 112))}</text>`,
    );
  }
  for (let k = 0; k <= 4; k++) {
    const v = (yMax * k) / 4;
    const yy = num(y(v));
    out.push(
      `<line x1="${left}" y1="${yy}" x2="${right}" y2="${yy}" stroke="${k === 0 ? PALETTE.gridStrong : PALETTE.grid}" stroke-width="${k === 0 ? 2 : 1.5}"${k === 0 ? '' : ' stroke-dasharray="6 6"'}/>`,
      `<text x="${left - 14}" y="${num(y(v) + 7)}" font-size="19" fill="${PALETTE.muted}" text-anchor="end">${pct(v)}</text>`,
    );
  }
  spec.xLabels.forEach((label, i) => {
    out.push(
      `<text x="${num(x(i))}" y="${bottom + 36}" font-size="21" fill="${PALETTE.ink}" text-anchor="middle">${esc(label)}</text>`,
    );
    const note = spec.xNotes?.[i];
    if (note) {
      out.push(
        `<text x="${num(x(i))}" y="${bottom + 62}" font-size="17" fill="${PALETTE.muted}" text-anchor="middle">${esc(note)}</text>`,
      );
    }
  });

  const ends: { y: number; label: string; color: string }[] = [];
  for (const s of spec.series) {
    let path = '';
    let open = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        open = false;
        return;
      }
      path += `${open ? 'L' : 'M'}${num(x(i))},${num(y(v))} `;
      open = true;
    });
    if (path) {
      out.push(
        `<path d="${path.trim()}" fill="none" stroke="${s.color}" stroke-width="4" stroke-linejoin="round" stroke-linecap="round"/>`,
      );
    }
    s.values.forEach((v, i) => {
      if (v !== null) {
        out.push(
          `<circle cx="${num(x(i))}" cy="${num(y(v))}" r="6" fill="${s.color}" stroke="#ffffff" stroke-width="2"/>`,
        );
      }
    });
    const last = s.values.findLastIndex((v) => v !== null);
    const lastValue = s.values[last];
    if (last >= 0 && lastValue !== null && lastValue !== undefined) {
      ends.push({ y: y(lastValue), label: `${s.label} ${pct(lastValue)}`, color: s.color });
    }
  }
  // End labels, pushed apart so none overlaps another.
  ends.sort((a, b) => a.y - b.y);
  const gap = 28;
  for (let i = 1; i < ends.length; i++) {
    const prev = ends[i - 1];
    const cur = ends[i];
    if (prev && cur && cur.y - prev.y < gap) cur.y = prev.y + gap;
  }
  const overflow = (ends.at(-1)?.y ?? 0) - (bottom + 8);
  if (overflow > 0) for (const e of ends) e.y -= overflow;
  for (const e of ends) {
    out.push(
      `<text x="${right + 18}" y="${num(e.y + 7)}" font-size="21" font-weight="700" fill="${e.color}">${esc(clip(e.label, 21, labelWidth))}</text>`,
    );
  }
  if (values.length === 0 && spec.emptyNote) {
    out.push(
      `<text x="${(left + right) / 2}" y="${(top + bottom) / 2}" font-size="24" fill="${PALETTE.muted}" text-anchor="middle">${esc(spec.emptyNote)}</text>`,
    );
  }
  if (spec.footnote) {
    out.push(
      `<text x="${width - 40}" y="${height - 20}" font-size="17" fill="${PALETTE.muted}" text-anchor="end">${esc(clip(spec.footnote, 17, width - 80))}</text>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
