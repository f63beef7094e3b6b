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
