/**
 * Latency of an RSVP invoke end to end: Bot Framework invoke over HTTP, payload check, database write
 * (PGlite on disk, the embedded default), quorum, and the updated card rendered. Prints the figures.
 * Usage: npm run bench:rsvp -- [requests=1000] [concurrency=1] [memory]  ("memory": PGlite in memory, for comparison)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../bot/app.js';
import { loadConfig } from '../bot/config.js';
import { systemClock } from '../bot/domain/clock.js';
import { createLogger } from '../bot/logger.js';
import { openDatabase } from '../bot/store/database.js';
import { cardAction, message, user } from '../test/fakes/activities.js';
import { startFakeConnector } from '../test/fakes/connector.js';
import { conferenceRequest } from '../test/helpers/invitation-flow.js';
import { quantile } from './stats.js';

const N = Number(process.argv[2] ?? 1000);
const CONCURRENCY = Number(process.argv[3] ?? 1);
const IN_MEMORY = process.argv[4] === 'memory';
const dir = mkdtempSync(path.join(tmpdir(), 'roundtable-rsvp-'));
const config = loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  JOBS: 'false',
  DATA_DIR: dir,
  OUTBOX_DIR: path.join(dir, 'outbox'),
});
const app = createApp(config, createLogger('warn'));
const { port } = await app.listen();
const store = await openDatabase({ dataDir: IN_MEMORY ? undefined : config.dataDir });
const services = await app.attach({ store, clock: systemClock });
const connector = await startFakeConnector();
const url = `http://127.0.0.1:${port}`;
const post = (p: string, body?: unknown) =>
  fetch(`${url}${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

try {
  // 50 professionals in the tenant, each answering in turn (about 20 answers each over 1,000 requests).
  const people = Array.from({ length: 50 }, (_, i) => user(100 + i, `Bench Person ${i} (fictional)`));
  for (const p of people) await post('/api/messages', message(connector.serviceUrl, p, 'help'));
  const request = conferenceRequest();
  request.invitees.push(
    ...people.map((p, i) => ({
      name: p.name,
      email: `bench.${i}@example.org`,
      role: 'Practitioner',
      agency: `Example Agency ${i % 10}`,
      agencyKind: 'health',
      aadObjectId: p.aadObjectId,
    })),
  );
  const { id } = (await (await post('/api/conferences', request)).json()) as { id: string };
  await post(`/api/conferences/${id}/schedule`, { scheduledStart: '2026-12-10T10:00' });
  await post(`/api/conferences/${id}/invitations`);
  await services.outbox.idle();
  const readiness = (await (await fetch(`${url}/api/conferences/${id}/readiness`)).json()) as {
    invitations: { id: string; name: string }[];
  };
  const invitationOf = new Map(readiness.invitations.map((i) => [i.name, i.id]));
  const verbs = ['rsvp.attendVirtually', 'rsvp.attendInPerson', 'rsvp.reportOnly'];

  const once = async (i: number) => {
    const who = people[i % people.length]!;
    const invitationId = invitationOf.get(who.name)!;
    const body = cardAction(connector.serviceUrl, who, verbs[Math.floor(i / people.length) % verbs.length]!, {
      invitationId,
      conferenceId: id,
      cardVersion: 1,
    });
    const t0 = performance.now();
    const res = await post('/api/messages', body);
    const json = (await res.json()) as { type?: string };
    const ms = performance.now() - t0;
    if (res.status !== 200 || json.type !== 'application/vnd.microsoft.card.adaptive')
      throw new Error(`request ${i} answered ${res.status}`);
    return ms;
  };
  for (let i = 0; i < 50; i++) await once(i); // warm-up, not counted
  const times: number[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) times.push(await once(next++));
    }),
  );
  const wall = performance.now() - started;
  const s = times.sort((a, b) => a - b);
  const q = (p: number) => quantile(s, p).toFixed(2);
  const stored = await store.db
    .selectFrom('rsvp_answers')
    .select((e) => e.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  console.log(
    `Node ${process.version}, PGlite ${IN_MEMORY ? 'in memory' : 'on disk'}, ${N} RSVP invokes by 50 invitees, concurrency ${CONCURRENCY} (after 50 warm-up)`,
  );
  console.log(
    `median ${q(0.5)} ms, p95 ${q(0.95)} ms, p99 ${q(0.99)} ms, max ${s.at(-1)!.toFixed(2)} ms; ${(N / (wall / 1000)).toFixed(0)} answers/s`,
  );
  console.log(`answers stored in the history: ${String(stored.n)}`);
} finally {
  await app.close();
  await services.stop();
  await store.close();
  await connector.close();
  rmSync(dir, { recursive: true, force: true });
}
