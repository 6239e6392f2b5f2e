import { CHART_FONT_FAMILY } from './render';
import { clip, esc, PALETTE, pct, textWidth, wrap } from './svg';

export interface RadarSeries {
  label: string;
  /** One value per axis, 0 to 1. */
  values: number[];
  color: string;
  /** Drawn with a stronger fill, on top (the member's own shape). */
  emphasis?: boolean;
  dashed?: boolean;
}

export interface RadarSpec {
  title: string;
  subtitle?: string;
  axes: string[];
  series: RadarSeries[];
  footnote?: string;
}

export const RADAR_SIZE = { width: 1200, height: 1080 } as const;

const num = (n: number) => (Math.round(n * 10) / 10).toString();

/** A radar chart as SVG: one spoke per axis, one closed shape per series, values printed beside each label. */
export function radarSvg(spec: RadarSpec): string {
  const { width, height } = RADAR_SIZE;
  const cx = width / 2;
  const cy = 580;
  const radius = 320;
  const n = spec.axes.length;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / n;
  const point = (i: number, r: number) => [cx + Math.cos(angle(i)) * r, cy + Math.sin(angle(i)) * r] as const;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect width="${width}" height="${height}" fill="${PALETTE.background}"/>`,
    `<text x="56" y="78" font-size="38" font-weight="700" fill="${PALETTE.ink}">${esc(clip(spec.title, 38, width - 112))}</text>`,
  );
  if (spec.subtitle) {
    out.push(
      `<text x="56" y="122" font-size="24" fill="${PALETTE.muted}">${esc(clip(spec.subtitle, 24, width - 112))}</text>`,
    );
  }

  // Rings at 25, 50, 75 and 100%, as polygons so they follow the spokes.
  for (const ring of [0.25, 0.5, 0.75, 1]) {
    const points = spec.axes
      .map((_, i) =>
        point(i, radius * ring)
          .map(num)
          .join(','),
      )
      .join(' ');
    const stroke = ring === 1 ? PALETTE.gridStrong : PALETTE.grid;
    out.push(
      `<polygon points="${points}" fill="none" stroke="${stroke}" stroke-width="${ring === 1 ? 2 : 1.5}"/>`,
    );
  }
  for (let i = 0; i < n; i++) {
    const [x, y] = point(i, radius);
    out.push(
      `<line x1="${cx}" y1="${cy}" x2="${num(x)}" y2="${num(y)}" stroke="${PALETTE.grid}" stroke-width="1.5"/>`,
    );
  }
  // Shapes: background series first, the emphasised one on top.
  const ordered = [...spec.series].sort((a, b) => Number(a.emphasis ?? false) - Number(b.emphasis ?? false));
  for (const s of ordered) {
    const pts = spec.axes.map((_, i) => point(i, radius * Math.max(0, Math.min(1, s.values[i] ?? 0))));
    const polygon = pts.map((p) => p.map(num).join(',')).join(' ');
    out.push(
      `<polygon points="${polygon}" fill="${s.color}" fill-opacity="${s.emphasis ? 0.38 : 0.14}" stroke="${s.color}" stroke-width="${s.emphasis ? 4 : 3.5}" stroke-linejoin="round"${s.dashed ? ' stroke-dasharray="12 8"' : ''}/>`,
    );
    for (const [x, y] of pts) {
      out.push(
        `<circle cx="${num(x)}" cy="${num(y)}" r="6" fill="${s.color}" stroke="#ffffff" stroke-width="2"/>`,
      );
    }
  }

  for (const ring of [0.25, 0.5, 0.75, 1]) {
    out.push(
      `<text x="${cx + 10}" y="${num(cy - radius * ring + 22)}" font-size="17" fill="${PALETTE.muted}" stroke="#ffffff" stroke-width="5" stroke-linejoin="round" paint-order="stroke">${pct(ring)}</text>`,
    );
  }

  // Labels outside the outer ring, anchored away from the centre, each with the series' values below it.
  for (let i = 0; i < n; i++) {
    const [x, y] = point(i, radius + 34);
    const cos = Math.cos(angle(i));
    const sin = Math.sin(angle(i));
    const anchor = Math.abs(cos) < 0.25 ? 'middle' : cos > 0 ? 'start' : 'end';
    const room = Math.abs(cos) < 0.25 ? 300 : Math.max(140, (cos > 0 ? width - x : x) - 24);
    const lines = wrap(spec.axes[i] ?? '', 25, room);
    const values = spec.series.map((s) => ({ text: pct(s.values[i] ?? 0), color: s.color }));
    const block = lines.length * 30 + 28;
    // Above the top spoke the block grows upwards, below the bottom one downwards, at the sides around y.
    const top = sin < -0.5 ? y - block + 18 : sin > 0.5 ? y + 10 : y - block / 2 + 18;
    lines.forEach((line, j) => {
      out.push(
        `<text x="${num(x)}" y="${num(top + j * 30)}" font-size="25" font-weight="700" fill="${PALETTE.ink}" text-anchor="${anchor}">${esc(line)}</text>`,
      );
    });
    const valueLine = values
      .map((v, j) => `<tspan fill="${v.color}">${j > 0 ? ' · ' : ''}${esc(v.text)}</tspan>`)
      .join('');
    out.push(
      `<text x="${num(x)}" y="${num(top + lines.length * 30 - 2)}" font-size="21" font-weight="700" text-anchor="${anchor}">${valueLine}</text>`,
    );
  }

  // Legend, centred at the bottom.
  const items = spec.series.map((s) => ({ s, w: 30 + textWidth(s.label, 23) + 36 }));
  const total = items.reduce((sum, item) => sum + item.w, 0);
  let lx = Math.max(40, (width - total) / 2);
  const ly = height - 64;
  for (const { s, w } of items) {
    out.push(
      `<rect x="${num(lx)}" y="${ly - 18}" width="22" height="22" rx="5" fill="${s.color}" fill-opacity="${s.emphasis ? 0.8 : 0.55}" stroke="${s.color}" stroke-width="2"/>`,
      `<text x="${num(lx + 32)}" y="${ly + 1}" font-size="23" fill="${PALETTE.ink}">${esc(s.label)}</text>`,
    );
    lx += w;
  }
  if (spec.footnote) {
    out.push(
      `<text x="${width - 40}" y="${height - 22}" font-size="17" fill="${PALETTE.muted}" text-anchor="end">${esc(clip(spec.footnote, 17, width - 80))}</text>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
