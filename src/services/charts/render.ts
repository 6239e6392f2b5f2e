import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

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
 * resvg keeps a few MB of native memory per render that it never gives back (thx/resvg-js#216): rendered
 * in the bot's process, 100 charts would hold ~450 MB. The bot draws in a child process instead, started
 * with the first chart and reused, and replaced by a fresh one once its RSS passes this cap.
 */
export const RENDERER_RSS_CAP = 160 * 1024 * 1024;
const RENDER_PROCESS = fileURLToPath(new URL('./render-process.mjs', import.meta.url));

interface Pending {
  resolve: (png: Png) => void;
  reject: (error: Error) => void;
}
type Reply =
  | { id: number; data: Uint8Array; width: number; height: number; ms: number; rss: number }
  | { id: number; error: string };

interface Renderer {
  child: ChildProcess;
  pending: Map<number, Pending>;
  retiring: boolean;
}

let current: Renderer | undefined;
let nextId = 1;

/** Holds the event loop open only while a render is pending, so a command that drew a chart can exit. */
function hold(renderer: Renderer) {
  const busy = renderer.pending.size > 0;
  const channel = renderer.child.channel as { ref(): void; unref(): void } | undefined;
  if (busy) {
    renderer.child.ref();
    channel?.ref();
  } else {
    renderer.child.unref();
    channel?.unref();
  }
}

function retire(renderer: Renderer) {
  renderer.retiring = true;
  if (current === renderer) current = undefined;
  if (renderer.pending.size === 0 && renderer.child.connected) renderer.child.disconnect();
}

function start(): Renderer {
  const child = fork(RENDER_PROCESS, [], { execArgv: [], serialization: 'advanced', stdio: 'inherit' });
  const renderer: Renderer = { child, pending: new Map(), retiring: false };
  child.on('message', (reply: Reply) => {
    const pending = renderer.pending.get(reply.id);
    if (!pending) return;
    renderer.pending.delete(reply.id);
    if ('error' in reply) pending.reject(new Error(`chart not rendered: ${reply.error}`));
    else {
      const { data, width, height, ms } = reply;
      pending.resolve({
        data: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
        width,
        height,
        ms,
      });
      if (reply.rss > RENDERER_RSS_CAP && !renderer.retiring) retire(renderer);
    }
    if (renderer.retiring && renderer.pending.size === 0 && child.connected) child.disconnect();
    hold(renderer);
  });
  const fail = (error: Error) => {
    if (current === renderer) current = undefined;
    for (const pending of renderer.pending.values()) pending.reject(error);
    renderer.pending.clear();
  };
  child.on('error', fail);
  child.on('exit', (code, signal) => fail(new Error(`the chart renderer exited (${signal ?? code})`)));
  return renderer;
}

/**
 * Draws an SVG to PNG with resvg, in the renderer process (see RENDERER_RSS_CAP). Only the shipped font is
 * loaded (system fonts off), so a machine with no fonts draws the same picture as any other.
 */
export function renderChart(svg: string): Promise<Png> {
  current ??= start();
  const renderer = current;
  const id = nextId++;
  return new Promise<Png>((resolve, reject) => {
    renderer.pending.set(id, { resolve, reject });
    hold(renderer);
    renderer.child.send({ id, svg, fontFiles: CHART_FONT_FILES, defaultFontFamily: CHART_FONT_FAMILY });
  });
}

/** The renderer process's id, when one runs (for measuring its memory). */
export const rendererPid = (): number | undefined => current?.child.pid;
