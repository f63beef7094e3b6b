import { pino } from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/**
 * Structured logs with case data redacted at the source: logs are not a case record, and names,
 * addresses, report text and tokens must never reach them.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'roundtable' },
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          '*.token',
          '*.password',
          '*.email',
          '*.name',
          '*.firstName',
          '*.lastName',
          '*.text',
          'activity.from.name',
          'activity.text',
          'activity.value',
          'body',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? process.stdout,
  );
}

/**
 * What of an error may be logged: its type, its code and where it happened, never its message. A
 * database or library message can quote the values it was given (names, report text).
 */
export function safeError(e: unknown): { type: string; code?: string; at?: string[] } {
  if (!(e instanceof Error)) return { type: typeof e };
  const code = (e as { code?: unknown }).code;
  // The first stack line repeats the message; the frames after it are file positions only.
  const at = e.stack
    ?.split('\n')
    .slice(1, 8)
    .map((l) => l.trim());
  return { type: e.name, ...(typeof code === 'string' ? { code } : {}), ...(at ? { at } : {}) };
}
