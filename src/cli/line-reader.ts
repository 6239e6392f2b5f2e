import { createInterface, type Interface } from 'node:readline';
import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * Longest line a reader gives whole. A longer one comes cut just past it (so whatever reads it sees that it
 * is too long, and says so); from a pipe, the rest of it is dropped as it arrives, never held, so a pasted
 * megabyte costs no more memory than one line.
 */
export const MAX_LINE_CHARS = 64 * 1024;

/** Ctrl-C: cancels what is being typed (a form), or leaves at an empty prompt. */
export const INTERRUPT = Symbol('interrupt');
/** Ctrl-D on an empty line, or the end of piped input. */
export const END = Symbol('end');
export type ReadResult = string | typeof INTERRUPT | typeof END;

/** `command`: a line at the prompt (kept in history); `field`: an answer in a form (not kept). */
export type ReadMode = 'command' | 'field';

export type Completer = (line: string) => Promise<[string[], string]>;

export interface LineReaderOptions {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
  /** Line editing, history and completion: when both ends are a terminal. */
  terminal: boolean;
  completer?: Completer;
  history?: string[];
  /** MAX_LINE_CHARS unless given. */
  maxLineChars?: number;
}

/** Text passed on with every line cut after max + 1 characters; what follows up to the line's end is dropped. */
export function capLines(max: number): Transform {
  const decoder = new StringDecoder('utf8');
  let length = 0;
  const cap = (text: string) => {
    let out = '';
    let start = 0;
    const breaks = /[\r\n]/g;
    for (;;) {
      const found = breaks.exec(text);
      const end = found ? found.index : text.length;
      const room = max + 1 - length;
      if (room > 0) {
        const piece = text.slice(start, Math.min(end, start + room));
        out += piece;
        length += piece.length;
      }
      if (!found) return out;
      out += text[end];
      length = 0;
      start = end + 1;
    }
  };
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      done(null, cap(typeof chunk === 'string' ? chunk : decoder.write(chunk)));
    },
    flush(done) {
      done(null, cap(decoder.end()));
    },
  });
}

export interface LineReader {
  /** The next line, or what the member pressed instead. Lines pasted ahead are kept in order, none lost. */
  read(prompt: string, mode: ReadMode): Promise<ReadResult>;
  /** Commands typed this session and before, newest first. */
  history(): string[];
  close(): void;
}

/**
 * Lines from a terminal or a pipe. On a terminal, readline edits the line, recalls history with up and down,
 * and completes with Tab; Ctrl-C and Ctrl-D come back as INTERRUPT and END instead of ending the process.
 * A pipe gives its lines, then END; a SIGINT (Ctrl-C in the shell) comes back as INTERRUPT.
 */
export function createLineReader(options: LineReaderOptions): LineReader {
  const { input, output, terminal } = options;
  const maxLine = options.maxLineChars ?? MAX_LINE_CHARS;
  // A terminal is read by readline itself (it edits the line); a pipe through the cap, made when first read.
  let capped: Transform | undefined;
  const source = () => {
    if (terminal) return input;
    capped ??= input.pipe(capLines(maxLine));
    return capped;
  };
  const queue: ReadResult[] = [];
  let waiting: ((result: ReadResult) => void) | undefined;
  let mode: ReadMode = 'command';
  let history = [...(options.history ?? [])];
  let rl: Interface | undefined;
  let finished = false;
  let inputEnded = false;

  const deliver = (result: ReadResult) => {
    const next = waiting;
    waiting = undefined;
    if (next) next(result);
    else queue.push(result);
  };

  const onSignal = () => deliver(INTERRUPT);
  process.on('SIGINT', onSignal);

  const open = () => {
    const current = createInterface({
      input: source(),
      ...(terminal ? { output } : {}),
      terminal,
      history,
      historySize: 500,
      removeHistoryDuplicates: true,
      ...(terminal && options.completer
        ? {
            completer: (
              line: string,
              callback: (error: Error | null, result: [string[], string]) => void,
            ) => {
              options.completer?.(line).then(
                (result) => callback(null, result),
                () => callback(null, [[], line]),
              );
            },
          }
        : {}),
    });
    current.on('line', (line) => {
      // Answers in a form are not commands to recall.
      const h = (current as unknown as { history?: string[] }).history;
      if (mode === 'field' && h?.[0] === line) h.shift();
      deliver(line.length > maxLine + 1 ? line.slice(0, maxLine + 1) : line);
    });
    current.on('SIGINT', () => {
      if (mode === 'command' && current.line.length > 0) {
        // Ctrl-C on a half-typed command clears it, as a shell does.
        current.write(null, { ctrl: true, name: 'e' });
        current.write(null, { ctrl: true, name: 'u' });
        output.write('^C\n');
        current.prompt();
        return;
      }
      if (terminal) output.write('^C\n');
      deliver(INTERRUPT);
    });
    current.on('close', () => {
      history = [...((current as unknown as { history?: string[] }).history ?? history)];
      if (rl === current) rl = undefined;
      // A terminal stays open after Ctrl-D (it only cancels a form); a pipe has ended.
      if (!terminal) inputEnded = true;
      if (!finished) {
        if (terminal) output.write('\n');
        deliver(END);
      }
    });
    rl = current;
    return current;
  };

  return {
    read(prompt, readMode) {
      mode = readMode;
      const ready = queue.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      if (inputEnded || finished) return Promise.resolve(END);
      const current = rl ?? open();
      if (terminal) {
        current.setPrompt(prompt);
        current.prompt();
      }
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    history: () => [...((rl as unknown as { history?: string[] } | undefined)?.history ?? history)],
    close() {
      finished = true;
      process.off('SIGINT', onSignal);
      rl?.close();
      if (capped) {
        input.unpipe(capped);
        input.pause();
      }
    },
  };
}
