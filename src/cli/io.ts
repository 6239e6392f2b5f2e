import { UserError } from '../services/errors';

/** Where a CLI command writes and reads; tests pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard input as text; past maxBytes it stops reading and throws UserError `input.too-large`. */
  readStdin: (maxBytes: number) => Promise<string>;
  /** Whether stdout and stderr are terminals (colour, paging). */
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
}

/** Largest file or input a command reads: far more than any posting or research note. */
export const MAX_INPUT_BYTES = 1024 * 1024;

export const describeBytes = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
    : `${Math.round(bytes / 1024)} KB`;

/** Reads a stream to its end, or throws as soon as it goes past maxBytes (the rest is never held). */
export async function readBounded(
  stream: AsyncIterable<unknown>,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

export const processIo: Io = {
  stdout: (text) => process.stdout.write(line(text)),
  stderr: (text) => process.stderr.write(line(text)),
  async readStdin(maxBytes) {
    const tooLarge = () => new UserError('input.too-large', { max: describeBytes(maxBytes) });
    const bytes = await readBounded(process.stdin, maxBytes, tooLarge);
    return bytes.toString('utf8');
  },
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
};
