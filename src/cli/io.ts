/** Where a CLI command writes and reads; tests pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  /** Whether stdout and stderr are terminals (colour, paging). */
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
}

const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

export const processIo: Io = {
  stdout: (text) => process.stdout.write(line(text)),
  stderr: (text) => process.stderr.write(line(text)),
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
};
