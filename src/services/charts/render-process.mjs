// The chart renderer's own process (see render.ts): SVG in, PNG out, one message each. Plain JavaScript,
// so it starts the same from the sources, the build and the tests.
import { Resvg } from '@resvg/resvg-js';

process.on('message', ({ id, svg, fontFiles, defaultFontFamily }) => {
  try {
    const started = performance.now();
    const renderer = new Resvg(svg, {
      font: { fontFiles, loadSystemFonts: false, defaultFontFamily },
      background: '#ffffff',
      shapeRendering: 2,
      textRendering: 1,
    });
    const image = renderer.render();
    const data = image.asPng();
    const ms = performance.now() - started;
    process.send({ id, data, width: image.width, height: image.height, ms, rss: process.memoryUsage().rss });
  } catch (error) {
    process.send({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
process.on('disconnect', () => process.exit(0));
