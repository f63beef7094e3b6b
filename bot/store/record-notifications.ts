/**
 * Hears the conference record's changes from every instance (PostgreSQL LISTEN on `conference_record`,
 * announced by a trigger in 0007_conference_record), so live views held here follow changes made
 * through another instance. One connection of its own, outside the pool; reconnects after a failure.
 * PGlite is one process, so it needs none of this.
 */
import pg from 'pg';
import type { Logger } from '../logger.js';

export interface RecordChangeListener {
  close(): Promise<void>;
}

export async function listenForRecordChanges(
  databaseUrl: string,
  onChange: (conferenceId: string) => void,
  logger: Logger,
  retryMs = 2000,
): Promise<RecordChangeListener> {
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: databaseUrl });
    c.on('notification', (n) => {
      if (n.channel === 'conference_record' && n.payload) onChange(n.payload);
    });
    c.on('error', (e: Error & { code?: string }) => {
      logger.warn({ code: e.code }, 'record change listener lost its connection; reconnecting');
      void c.end().catch(() => undefined);
      if (client === c) client = undefined;
      retry();
    });
    await c.connect();
    await c.query('listen conference_record');
    if (closed) await c.end();
    else client = c;
  };
  const retry = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      connect().catch((e: { code?: string }) => {
        logger.warn({ code: e?.code }, 'record change listener could not reconnect');
        retry();
      });
    }, retryMs);
    timer.unref();
  };

  await connect();
  return {
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
