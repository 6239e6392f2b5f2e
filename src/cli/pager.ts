import { spawn } from 'node:child_process';

/**
 * Text longer than the terminal goes through a pager ($PAGER, else `less` with -F -R -X: it quits at once
 * when the text fits, keeps colours, and leaves the text on the screen). Without a terminal, or when the
 * pager cannot start, the text is written as it is.
 */
export async function page(text: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const out = text.endsWith('\n') ? text : `${text}\n`;
  const rows = process.stdout.rows ?? 0;
  const pager = env.ROLE_RADAR_PAGER ?? env.PAGER ?? 'less';
  if (
    !process.stdout.isTTY ||
    rows === 0 ||
    out.split('\n').length < rows ||
    pager === '' ||
    pager === 'cat'
  ) {
    process.stdout.write(out);
    return;
  }
  await new Promise<void>((resolve) => {
    const child = spawn(pager, {
      shell: true,
      stdio: ['pipe', 'inherit', 'inherit'],
      env: { ...env, LESS: env.LESS ?? 'FRX' },
    });
    child.on('error', () => {
      process.stdout.write(out);
      resolve();
    });
    child.on('close', () => resolve());
    child.stdin.on('error', () => {});
    child.stdin.end(out);
  });
}
