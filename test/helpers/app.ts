/** Starts the real app in-process on a free loopback port with an in-memory PGlite database. */
import { createApp } from '../../bot/app.js';
import type { AppServices } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import type { Config } from '../../bot/config.js';
import { FixedClock } from '../../bot/domain/clock.js';
import { createLogger } from '../../bot/logger.js';
import { openDatabase } from '../../bot/store/database.js';
import type { Store } from '../../bot/store/database.js';
import type { MailSender } from '../../bot/domain/mail.js';

export interface TestApp {
  url: string;
  config: Config;
  store: Store;
  clock: FixedClock;
  services: AppServices;
  logs(): string;
  close(): Promise<void>;
}

export async function startTestApp(
  env: Record<string, string> = {},
  opts: { now?: Date; databaseUrl?: string; mail?: MailSender } = {},
): Promise<TestApp> {
  // Scheduled jobs are off: tests run the chase and the outbox themselves, on a fixed clock.
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', JOBS: 'false', ...env });
  const lines: string[] = [];
  const logger = createLogger(config.logLevel, {
    write: (chunk: string) => {
      lines.push(chunk);
      return true;
    },
  } as unknown as NodeJS.WritableStream);
  const app = createApp(config, logger);
  const { port } = await app.listen();
  const store = await openDatabase({ databaseUrl: opts.databaseUrl });
  const clock = new FixedClock(opts.now ?? new Date('2026-11-23T09:00:00Z'));
  const services = await app.attach({ store, clock, ...(opts.mail ? { mail: opts.mail } : {}) });
  return {
    url: `http://127.0.0.1:${port}`,
    config,
    store,
    clock,
    services,
    logs: () => lines.join(''),
    close: async () => {
      await app.close();
      await services.stop();
      await store.close();
    },
  };
}
