/**
 * The Graph calendar adapter's core group events over real HTTP against the local Graph fake: each
 * request is checked against the Graph v1.0 contract subset (method, path, query names, body).
 */
import { coreGroupEventKey } from '../../bot/domain/calendar.js';
import type { CoreGroupEvent } from '../../bot/domain/calendar.js';
import { EVENT_PROPERTIES } from '../../bot/graph/calendar-graph-mapping.js';
import { graphQueryProblems, listedEvent } from '../fakes/calendar-graph.js';
import { CONFERENCE_ID } from '../fakes/fixtures.js';
import { startGraphServer } from '../fakes/graph-server.js';
import type { FakeGraphServer } from '../fakes/graph-server.js';
import { graphCalendarAgainst } from '../helpers/graph-calendar-client.js';
import { graphRequestProblems } from '../helpers/graph-contract.js';

const EVENTS = /^\/v1\.0\/users\/roundtable%40example\.org\/events$/;
let server: FakeGraphServer;
let logs: string;

beforeEach(async () => {
  server = await startGraphServer();
  logs = '';
});
afterEach(async () => {
  try {
    for (const r of server.graphRequests())
      expect({
        request: `${r.method} ${r.path}`,
        problems: [...graphRequestProblems(r.method, r.path, r.body), ...graphQueryProblems(r)],
      }).toEqual({
        request: `${r.method} ${r.path}`,
        problems: [],
      });
    // Logs carry keys and event ids, never an address or a name.
    expect(logs).not.toMatch(/example\.org|fictional/);
  } finally {
    await server.close();
  }
});

function calendar() {
  return graphCalendarAgainst(server, { onLog: (text) => (logs += text) });
}

const KEY = coreGroupEventKey(CONFERENCE_ID, 1);
const EVENT: CoreGroupEvent = {
  key: KEY,
  conferenceId: CONFERENCE_ID,
  subject: 'Core group meeting 1: RT-2026-0042',
  start: '2026-03-12T10:00',
  end: '2026-03-12T11:00',
  startUtc: '2026-03-12T10:00:00.000Z',
  endUtc: '2026-03-12T11:00:00.000Z',
  attendees: [{ name: 'Asha Patel (fictional)', email: 'asha.patel@agency.example.org' }],
  text: 'Core group meeting 1 for RT-2026-0042 (children: initials PS, KS).',
};
const sent = (method: string, pattern: RegExp = /./) =>
  server.graphRequests().filter((r) => r.method === method && pattern.test(r.path));

test('finds by its key first, then creates a Teams meeting with the key as transactionId', async () => {
  server.respond({ method: 'GET', path: EVENTS }, [{ status: 200, body: { value: [] } }]);
  server.respond({ method: 'POST', path: EVENTS }, [
    { status: 201, body: { id: 'AAMk-cg1', onlineMeeting: { joinUrl: 'https://teams.example.org/cg1' } } },
  ]);
  expect(await calendar().upsertCoreGroupEvent(EVENT)).toEqual({
    eventId: 'AAMk-cg1',
    joinUrl: 'https://teams.example.org/cg1',
  });
  expect(sent('GET', EVENTS)[0]?.query.$filter).toBe(
    `singleValueExtendedProperties/Any(ep: ep/id eq '${EVENT_PROPERTIES.partKey}' and ep/value eq '${KEY}')`,
  );
  expect(sent('POST', EVENTS)[0]?.body).toMatchObject({
    subject: 'Core group meeting 1: RT-2026-0042',
    transactionId: KEY,
    isOnlineMeeting: true,
    start: { dateTime: '2026-03-12T10:00:00', timeZone: 'Europe/London' },
    attendees: [{ emailAddress: { address: 'asha.patel@agency.example.org' }, type: 'required' }],
  });
});

test('a re-send of the same meeting sends nobody anything', async () => {
  server.respond({ method: 'GET', path: EVENTS }, [{ status: 200, body: { value: [] } }]);
  server.respond({ method: 'POST', path: EVENTS }, [{ status: 201, body: { id: 'AAMk-cg1' } }]);
  await calendar().upsertCoreGroupEvent(EVENT);
  const created = sent('POST', EVENTS)[0]?.body as {
    singleValueExtendedProperties: { id: string; value: string }[];
  };
  const hash = created.singleValueExtendedProperties.find(
    (p) => p.id === EVENT_PROPERTIES.contentHash,
  )!.value;
  server.respond({ method: 'GET', path: EVENTS }, [
    { status: 200, body: { value: [listedEvent('AAMk-cg1', KEY, hash)] } },
  ]);
  expect((await calendar().upsertCoreGroupEvent(EVENT)).eventId).toBe('AAMk-cg1');
  expect(sent('PATCH')).toHaveLength(0);
  expect(sent('POST', EVENTS)).toHaveLength(1);
});

test('a meeting moved to another time updates the same event instead of making a second', async () => {
  server.respond({ method: 'GET', path: EVENTS }, [
    { status: 200, body: { value: [listedEvent('AAMk-cg1', KEY, 'h')] } },
  ]);
  server.respond({ method: 'PATCH', path: /\/events\/AAMk-cg1$/ }, [
    { status: 200, body: { id: 'AAMk-cg1' } },
  ]);
  const ref = await calendar().upsertCoreGroupEvent({
    ...EVENT,
    start: '2026-03-13T14:00',
    end: '2026-03-13T15:00',
  });
  expect(ref.eventId).toBe('AAMk-cg1');
  expect(sent('POST', EVENTS)).toHaveLength(0);
  expect(sent('PATCH')[0]?.body).toMatchObject({
    start: { dateTime: '2026-03-13T14:00:00', timeZone: 'Europe/London' },
  });
});

test('a cancelled meeting cancels its live event with the note for the attendees; none live sends nothing', async () => {
  server.respond({ method: 'GET', path: EVENTS }, [
    { status: 200, body: { value: [listedEvent('AAMk-cg1', KEY, 'h')] } },
  ]);
  server.respond({ method: 'POST', path: /\/events\/AAMk-cg1\/cancel$/ }, [{ status: 202, body: {} }]);
  const note = 'Core group meeting 1 for RT-2026-0042 is cancelled.';
  await calendar().cancelCoreGroupEvent(KEY, note);
  expect(sent('GET', EVENTS)[0]?.query.$filter).toContain(`ep/value eq '${KEY}'`);
  expect(sent('POST', /\/cancel$/).map((r) => r.body)).toEqual([{ Comment: note }]);

  server.respond({ method: 'GET', path: EVENTS }, [{ status: 200, body: { value: [] } }]);
  await calendar().cancelCoreGroupEvent(KEY, note);
  expect(sent('POST', /\/cancel$/)).toHaveLength(1);
});
