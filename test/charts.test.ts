import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { lineSvg } from '../src/services/charts/lines';
import { RADAR_SIZE, radarSvg } from '../src/services/charts/radar';
import { CHART_FONT_FAMILY, renderChart } from '../src/services/charts/render';
import { esc, PALETTE } from '../src/services/charts/svg';

const decode = (data: Buffer) => PNG.sync.read(data);

/** Pixels that are not (nearly) white, and how many distinct colours the picture has. */
function ink(png: PNG, box?: { x: number; y: number; w: number; h: number }) {
  let dark = 0;
  const colours = new Set<number>();
  const { x = 0, y = 0, w = png.width, h = png.height } = box ?? {};
  for (let j = y; j < y + h; j++) {
    for (let i = x; i < x + w; i++) {
      const k = (j * png.width + i) * 4;
      const [r = 255, g = 255, b = 255] = [png.data[k], png.data[k + 1], png.data[k + 2]];
      if (r + g + b < 600) dark++;
      colours.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
    }
  }
  return { dark, colours: colours.size };
}

const text = (content: string, family = CHART_FONT_FAMILY) =>
  renderChart(
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120"><rect width="400" height="120" fill="#fff"/>` +
      `<text x="20" y="80" font-family="${family}" font-size="56">${esc(content)}</text></svg>`,
  );

const SPEC = {
  title: '백엔드 개발자: 공고가 요구하는 것',
  subtitle: 'Backend developer · 10 postings',
  axes: ['언어', 'Frameworks', '데이터베이스', 'Cloud', '데브옵스·인프라', 'Practices & architecture'],
  series: [
    { label: '자격요건', values: [0.9, 0.6, 0.3, 0.2, 0.1, 0.6], color: PALETTE.required },
    { label: 'Preferred', values: [0.5, 0.2, 0.3, 0.5, 0.4, 0.5], color: PALETTE.preferred, dashed: true },
  ],
  footnote: 'Role Radar · 2026-11-30',
};

describe('charts', () => {
  it('renders a radar PNG that decodes, has the size asked and is not blank', async () => {
    const png = await renderChart(radarSvg(SPEC));
    const image = decode(png.data);
    expect([image.width, image.height]).toEqual([RADAR_SIZE.width, RADAR_SIZE.height]);
    const { dark, colours } = ink(image);
    expect(dark).toBeGreaterThan(20_000);
    expect(colours).toBeGreaterThan(50);
  });

  it('draws Korean as glyphs with the shipped font: different words, different shapes, none of them boxes', async () => {
    const words = await Promise.all(
      ['장고', '클라우드', '데이터'].map(async (w) => decode((await text(w)).data)),
    );
    for (const word of words) expect(ink(word).dark).toBeGreaterThan(800);
    // Missing glyphs would all be the same box: distinct words must differ pixel by pixel.
    const differing = (a: PNG, b: PNG) => {
      let n = 0;
      for (let k = 0; k < a.data.length; k += 4) if (Math.abs((a.data[k] ?? 0) - (b.data[k] ?? 0)) > 64) n++;
      return n;
    };
    expect(differing(words[0] as PNG, words[1] as PNG)).toBeGreaterThan(500);
    expect(differing(words[1] as PNG, words[2] as PNG)).toBeGreaterThan(500);
  });

  it('never uses the machine’s fonts: a font the machine may have draws as the shipped one does', async () => {
    const shipped = (await text('Role Radar 레이더')).data;
    expect((await text('Role Radar 레이더', 'DejaVu Sans')).data.equals(shipped)).toBe(true);
    expect((await text('Role Radar 레이더', 'serif')).data.equals(shipped)).toBe(true);
  });

  it('keeps hostile labels as text: markup in a label cannot break the picture', async () => {
    const png = await renderChart(
      radarSvg({ ...SPEC, title: '</text><script>alert(1)</script> & "quotes"' }),
    );
    expect(decode(png.data).width).toBe(RADAR_SIZE.width);
  });

  it('draws lines with gaps for months without postings', async () => {
    const png = await renderChart(
      lineSvg({
        title: 'Trends',
        xLabels: ['6월', '7월', '8월'],
        series: [{ label: 'Kubernetes', values: [0.1, null, 0.3], color: PALETTE.series[1] ?? '#000' }],
      }),
    );
    const image = decode(png.data);
    expect(ink(image).dark).toBeGreaterThan(3000);
  });

  it('matches the golden radar within a small tolerance', async () => {
    const golden = fileURLToPath(new URL('./fixtures/charts/radar-golden.png', import.meta.url));
    const png = (await renderChart(radarSvg(SPEC))).data;
    // UPDATE_GOLDEN=1 writes a new golden image after a deliberate change of the chart; look at it first.
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) {
      writeFileSync(golden, png);
      if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`no golden image: wrote ${golden}, check it`);
    }
    const want = decode(readFileSync(golden));
    const got = decode(png);
    expect([got.width, got.height]).toEqual([want.width, want.height]);
    let diff = 0;
    for (let k = 0; k < got.data.length; k++) diff += Math.abs((got.data[k] ?? 0) - (want.data[k] ?? 0));
    // Mean absolute difference per channel, 0–255: anti-aliasing may move, the picture may not.
    expect(diff / got.data.length).toBeLessThan(2);
  });
});
