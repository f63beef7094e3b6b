/**
 * The real Graph calendar (client, retries, mapping) pointed at the fake Graph server, logging at debug
 * level into `onLog` so a test can check that the logs name nobody.
 */
import { Writable } from 'node:stream';
import { createGraphCalendar } from '../../bot/graph/graph-calendar.js';
import { createGraphClient } from '../../bot/graph/graph-client.js';
import { createLogger } from '../../bot/logger.js';
import { FAKE_CLIENT_ID, FAKE_SECRET, FAKE_TENANT } from '../fakes/graph-server.js';
import type { FakeGraphServer } from '../fakes/graph-server.js';

const ORGANISER_MAILBOX = 'roundtable@example.org';

export function graphCalendarAgainst(
  server: FakeGraphServer,
  opts: {
    onLog: (text: string) => void;
    /** Retries wait on this; by default they do not wait at all. */
    sleep?: (ms: number) => Promise<void>;
    random?: () => number;
  },
) {
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      opts.onLog(chunk.toString());
      done();
    },
  });
  const logger = createLogger('debug', destination);
  const client = createGraphClient({
    tenantId: FAKE_TENANT,
    clientId: FAKE_CLIENT_ID,
    clientSecret: FAKE_SECRET,
    baseUrl: server.baseUrl,
    authorityHost: server.authorityHost,
    timeoutMs: 5000,
    logger,
    sleep: opts.sleep ?? (async () => undefined),
    ...(opts.random ? { random: opts.random } : {}),
  });
  return createGraphCalendar({ client, organiserMailbox: ORGANISER_MAILBOX, logger });
}
