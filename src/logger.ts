import { type Logger, pino } from 'pino';

export type { Logger };

/**
 * Structured logs on stderr (stdout belongs to the console and the CLI's output). The token can only appear
 * by accident, so it is scrubbed wherever it might be: known paths, and any string that contains it.
 */
export function createLogger(level = 'info', secrets: string[] = []): Logger {
  const hidden = secrets.filter((s) => s.length >= 8);
  const scrub = (value: string) =>
    hidden.reduce((text, secret) => text.split(secret).join('[redacted]'), value);
  return pino(
    {
      level,
      redact: {
        paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
      formatters: {
        log: (object) => (hidden.length === 0 ? object : JSON.parse(scrub(JSON.stringify(object)))),
      },
    },
    pino.destination(2),
  );
}

export const silentLogger = (): Logger => pino({ level: 'silent' });
