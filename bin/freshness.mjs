// Decides whether bin/role-radar.mjs may run the compiled dist/ or must run the sources: a build older than
// any source file (or missing) is never run, so a checkout, a pull or an edit cannot run yesterday's code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const DIST_DIR = 'dist';
export const ENTRY = 'main.js';
export const BUILD_INFO = 'build-info.json';
/** What the build reads besides src/: a change to any of them makes the build stale too. */
const ALSO_BUILT_FROM = ['scripts/build.mjs', 'bin/freshness.mjs', 'package-lock.json', 'package.json'];

/** The newest change under a folder: files, and folders themselves (a file removed or renamed). */
function newestChange(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** True when root/dist was built after the last change to root/src (and the files the build reads). */
export function buildIsFresh(root) {
  let info;
  try {
    info = JSON.parse(readFileSync(join(root, DIST_DIR, BUILD_INFO), 'utf8'));
    statSync(join(root, DIST_DIR, ENTRY));
  } catch {
    return false;
  }
  if (typeof info.startedAt !== 'number') return false;
  let newest = 0;
  try {
    newest = newestChange(join(root, 'src'));
  } catch {
    // No sources next to the build (an installed copy): the build is all there is.
  }
  for (const file of ALSO_BUILT_FROM) newest = Math.max(newest, mtime(join(root, file)));
  return newest < info.startedAt;
}
