import { createInterface, type Interface } from 'node:readline';

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
      input,
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
      deliver(line);
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
    },
  };
}
