#!/usr/bin/env node
// Runs the build in dist/ (made by `npm install` or `npm run build`) when it is newer than every source file;
// otherwise runs the TypeScript sources through tsx, slower but never out of date.
import { fileURLToPath } from 'node:url';
import { buildIsFresh } from './freshness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const fromSource = process.env.ROLE_RADAR_FROM_SOURCE === '1' || !buildIsFresh(root);
let main;
if (fromSource) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
} else {
  ({ main } = await import('../dist/main.js'));
}
process.exitCode = await main(process.argv.slice(2));
