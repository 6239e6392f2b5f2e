#!/usr/bin/env node
// Compiles src/ into dist/ once, so a command starts without loading a TypeScript compiler.
// Everything reachable from the entry point is bundled (new source files are picked up by their imports);
// each dynamic import becomes a chunk of its own, so discord.js is only loaded by the commands that use it.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUILD_INFO, DIST_DIR, ENTRY } from '../bin/freshness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, DIST_DIR);

/**
 * Packages left to Node's resolver: native code (sqlite3, resvg), files found by path (the chart font),
 * worker-thread transports (pino), and discord.js
 * with its optional native helpers and its own @discordjs packages. The rest (zod, the markdown parser, discord-api-types…) is bundled:
 * one file parses faster than hundreds of small modules.
 */
const EXTERNAL = [
  'discord.js',
  'sqlite3',
  '@keyv/sqlite',
  '@resvg/*',
  '@expo-google-fonts/*',
  'pino',
  'pino-*',
  'tsx',
  'ws',
];

/**
 * Sources find their data files relative to themselves (`new URL('../../../data/', import.meta.url)`).
 * Inside the bundle each module keeps the URL its source file has, so those paths mean the same thing.
 */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      // dist/ and its staging folder sit side by side, so the path from one is the path from the other.
      const fromOutput = relative(outdir, args.path).split('\\').join('/');
      const contents = text.replaceAll(
        'import.meta.url',
        `new URL(${JSON.stringify(fromOutput)}, import.meta.url).href`,
      );
      return { contents, loader: 'ts' };
    });
  },
};

/** Builds into a fresh folder beside dist/, then swaps it in: a command started meanwhile sees one or the other. */
/**
 * zod carries its messages in some forty languages; only its English ones are ever made (errors are said
 * from the catalog). Leaving the others out halves what every command has to compile at start.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";\n',
      loader: 'js',
    }));
  },
};

export async function buildDist() {
  const startedAt = Date.now();
  const staging = `${outdir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { [ENTRY.replace(/\.js$/, '')]: 'src/cli/main.ts' },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    // CommonJS packages bundled into ESM still call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __rrCreateRequire } from 'node:module';\nconst require = __rrCreateRequire(import.meta.url);",
    },
    plugins: [sourceUrls, zodEnglishOnly],
  });
  const sources = Object.keys(result.metafile.inputs).filter((p) => p.startsWith('src/')).length;
  await writeFile(join(staging, BUILD_INFO), `${JSON.stringify({ startedAt, sources }, null, 2)}\n`);
  const old = `${outdir}.old-${process.pid}`;
  await rename(outdir, old).catch((error) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(staging, outdir);
  await rm(old, { recursive: true, force: true });
  return { sources, ms: Date.now() - startedAt };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { sources, ms } = await buildDist();
  if (!process.argv.includes('--quiet'))
    console.log(`built ${DIST_DIR}/ from ${sources} source files in ${ms} ms`);
}
