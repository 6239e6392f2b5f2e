import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type ResvgModule = typeof import('@resvg/resvg-js');
let resvgModule: ResvgModule | undefined;
/** The native renderer, loaded with the first chart: commands that draw none never pay for it. */
const resvg = (): ResvgModule => {
  resvgModule ??= require('@resvg/resvg-js') as ResvgModule;
  return resvgModule;
};

/** The font every chart is drawn with: shipped as an npm package, so charts look the same on every machine. */
export const CHART_FONT_FAMILY = 'Noto Sans KR';
export const CHART_FONT_FILES = [
  require.resolve('@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf'),
  require.resolve('@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf'),
];

export interface Png {
  data: Buffer;
  width: number;
  height: number;
  /** Time spent drawing it. */
  ms: number;
}

/**
 * Draws an SVG to PNG in this process with resvg. Only the shipped font is loaded (system fonts off), so a
 * machine with no fonts draws the same picture as any other; font files are read by path, not copied.
 */
export function renderPng(svg: string): Png {
  const started = performance.now();
  const renderer = new (resvg().Resvg)(svg, {
    font: {
      fontFiles: CHART_FONT_FILES,
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT_FAMILY,
    },
    background: '#ffffff',
    shapeRendering: 2,
    textRendering: 1,
  });
  const image = renderer.render();
  const data = image.asPng();
  return { data, width: image.width, height: image.height, ms: performance.now() - started };
}
