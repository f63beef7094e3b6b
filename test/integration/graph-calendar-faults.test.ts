/**
 * The Graph calendar adapter when Graph or the network misbehaves, against the local fake, which keeps
 * the events it was sent (and, like Graph, answers a repeated transactionId with the event it already
 * made). Whatever fails, the mailbox ends with exactly one event per part, and every request sent,
 * retries included, conforms to the Graph contract subset.
 */
import { partKey } from '../../bot/domain/calendar.js';
import { GraphError } from '../../bot/graph/graph-errors.js';
import { graphQueryProblems } from '../fakes/calendar-graph.js';
import { buildConference, CONFERENCE_ID } from '../fakes/fixtures.js';
import { startGraphServer } from '../fakes/graph-server.js';
import type { FakeGraphServer } from '../fakes/graph-server.js';
import { graphCalendarAgainst } from '../helpers/graph-calendar-client.js';
import { graphRequestProblems } from '../helpers/graph-contract.js';

const EVENTS = /^\/v1\.0\/users\/roundtable%40example\.org\/events$/;
const ONE_EVENT = /^\/v1\.0\/users\/roundtable%40example\.org\/events\/[^/]+$/;
const KEY = partKey(CONFERENCE_ID, 1);
let server: FakeGraphServer;
let logs: string;
let sleeps: number[];

beforeEach(async () => {
  server = await startGraphServer();
  logs = '';
  sleeps = [];
});
afterEach(async () => {
  try {
    for (const r of server.graphRequests()) {
      const problems = [...graphRequestProblems(r.method, r.path, r.body), ...graphQueryProblems(r)];
      expect({ request: `${r.method} ${r.path}`, problems }).toEqual({
        request: `${r.method} ${r.path}`,
        problems: [],
      });
    }
    expect(logs).not.toMatch(/example\.org|Sample|Morgan|fake-token/);
  } finally {
    await server.close();
  }
});

function calendar() {
  return graphCalendarAgainst(server, {
    onLog: (text) => (logs += text),
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
  });
}

const sent = (method: string, pattern: RegExp) =>
  server.graphRequests().filter((r) => r.method === method && pattern.test(r.path));
const throttled = { error: { code: 'TooManyRequests', message: 'Too many requests' } };
const unavailable = (code: string) => ({ error: { code, message: code } });
/** Every event the mailbox holds, as [part key, cancelled]. */
const mailbox = () => server.events.map((e) => [e.event.transactionId, e.event.isCancelled]);

describe('Graph calendar under faults', () => {
  it('waits out a 429 with Retry-After on create, then creates one event', async () => {
    server.respond({ method: 'POST', path: EVENTS }, [
      { status: 429, headers: { 'retry-after': '3' }, body: throttled },
    ]);
    const [ref] = await calendar().upsertConferenceEvents(buildConference());
    expect(sleeps).toEqual([3000]);
    expect(sent('POST', EVENTS)).toHaveLength(2);
    expect(mailbox()).toEqual([[KEY, false]]);
    expect(ref?.eventId).toBe(server.events[0]?.event.id);
    expect(ref?.joinUrl).toBe(`https://teams.example.org/${ref?.eventId}`);
  });

  it('repeats a create that Graph processed before answering 503, without a second event', async () => {
    server.respond({ method: 'POST', path: EVENTS }, [
      { status: 503, processed: true, body: unavailable('ServiceNotAvailable') },
    ]);
    const [ref] = await calendar().upsertConferenceEvents(buildConference());
    const posts = sent('POST', EVENTS);
    expect(posts).toHaveLength(2);
    // The retry is the same request: same transactionId, same client-request-id for Graph's logs.
    expect(posts.map((r) => (r.body as { transactionId: string }).transactionId)).toEqual([KEY, KEY]);
    expect(posts[1]?.headers['client-request-id']).toBe(posts[0]?.headers['client-request-id']);
    expect(mailbox()).toEqual([[KEY, false]]);
    expect(ref?.eventId).toBe(server.events[0]?.event.id);
  });

  it('finds the event a failed create left behind on the next run instead of creating another', async () => {
    server.respond({ method: 'POST', path: EVENTS }, [
      { status: 503, processed: true, body: unavailable('ServiceNotAvailable') },
      ...Array(3).fill({ status: 503, body: unavailable('ServiceNotAvailable') }),
    ]);
    const error = await calendar()
      .upsertConferenceEvents(buildConference())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).code).toBe('UNAVAILABLE');
    expect(sent('POST', EVENTS)).toHaveLength(4); // maxAttempts

    const [ref] = await calendar().upsertConferenceEvents(buildConference());
    expect(sent('POST', EVENTS)).toHaveLength(4); // found by the extended property: nothing created
    expect(sent('PATCH', ONE_EVENT)).toHaveLength(0); // and it already holds this content
    expect(mailbox()).toEqual([[KEY, false]]);
    expect(ref?.eventId).toBe(server.events[0]?.event.id);
  });

  it('retries an update answered 504 (PATCH is idempotent)', async () => {
    const cal = calendar();
    await cal.upsertConferenceEvents(buildConference());
    server.respond({ method: 'PATCH', path: ONE_EVENT }, [
      { status: 504, body: unavailable('GatewayTimeout') },
    ]);
    const [ref] = await cal.upsertConferenceEvents(buildConference({ scheduledStart: '2026-07-02T14:00' }));
    expect(sent('PATCH', ONE_EVENT)).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
    expect(server.events[0]?.event.start).toEqual({
      dateTime: '2026-07-02T14:00:00',
      timeZone: 'Europe/London',
    });
    expect(mailbox()).toEqual([[KEY, false]]);
    expect(ref?.eventId).toBe(server.events[0]?.event.id);
  });

  it('renews an expired token once (401) and carries on', async () => {
    const cal = calendar();
    await cal.upsertConferenceEvents(buildConference());
    expect(server.tokenRequests()).toHaveLength(1);
    server.expireTokens();
    await cal.upsertConferenceEvents(buildConference({ scheduledStart: '2026-07-02T14:00' }));
    expect(server.tokenRequests()).toHaveLength(2);
    const listings = sent('GET', EVENTS);
    expect(listings).toHaveLength(3); // first run; second run refused once, then repeated with the new token
    expect(listings[2]?.headers.authorization).not.toBe(listings[1]?.headers.authorization);
    expect(sent('PATCH', ONE_EVENT)).toHaveLength(1);
    expect(sleeps).toEqual([]); // a refused token is renewed at once, not backed off
    expect(mailbox()).toEqual([[KEY, false]]);
  });

  it('repeats a create whose connection was reset after Graph made the event, without a second event', async () => {
    server.respond({ method: 'POST', path: EVENTS }, [{ reset: true, processed: true }]);
    const [ref] = await calendar().upsertConferenceEvents(buildConference());
    expect(sent('POST', EVENTS)).toHaveLength(2);
    expect(mailbox()).toEqual([[KEY, false]]);
    expect(ref?.eventId).toBe(server.events[0]?.event.id);
  });

  it('repeats a create whose connection was reset before Graph acted, making the one event', async () => {
    server.respond({ method: 'POST', path: EVENTS }, [{ reset: true }]);
    await calendar().upsertConferenceEvents(buildConference());
    expect(sent('POST', EVENTS)).toHaveLength(2);
    expect(mailbox()).toEqual([[KEY, false]]);
  });
});
