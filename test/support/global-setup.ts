import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The tests run bin/role-radar.mjs as users do, so they run the same compiled dist/ that users run. */
export default function setup() {
  const script = fileURLToPath(new URL('../../scripts/build.mjs', import.meta.url));
  execFileSync(process.execPath, [script, '--quiet'], { stdio: 'inherit' });
}
