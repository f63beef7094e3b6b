/**
 * The Graph calendar adapter over real HTTP against the local Graph fake: every request it makes is
 * checked against the Graph v1.0 contract subset (method, path, query names, body).
 */
import { partKey } from '../../bot/domain/calendar.js';
import { EVENT_PROPERTIES } from '../../bot/graph/calendar-graph-mapping.js';
import { twoPartConference as twoPart } from '../fakes/calendar-fixtures.js';
import { graphQueryProblems, listedEvent as listed } from '../fakes/calendar-graph.js';
import { buildConference, CONFERENCE_ID } from '../fakes/fixtures.js';
import { startGraphServer } from '../fakes/graph-server.js';
import type { CapturedRequest, FakeGraphServer } from '../fakes/graph-server.js';
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
    for (const r of server.graphRequests()) {
      const problems = [...graphRequestProblems(r.method, r.path, r.body), ...graphQueryProblems(r)];
      expect({ request: `${r.method} ${r.path}`, problems }).toEqual({
        request: `${r.method} ${r.path}`,
        problems: [],
      });
    }
    // Logs carry keys and event ids, never an address or a name.
    expect(logs).not.toMatch(/example\.org|Sample|Morgan/);
  } finally {
    await server.close();
  }
});

function calendar() {
  return graphCalendarAgainst(server, { onLog: (text) => (logs += text) });
}

const sent = (method: string, pattern: RegExp = /./) =>
  server.graphRequests().filter((r) => r.method === method && pattern.test(r.path));
type EventBody = {
  transactionId?: string;
  attendees: { emailAddress: { address: string } }[];
  body: { content: string };
  singleValueExtendedProperties: { id: string; value: string }[];
} & Record<string, unknown>;
const bodyOf = (r: CapturedRequest | undefined) => r?.body as EventBody;
const hashOf = (b: EventBody) =>
  b.singleValueExtendedProperties.find((p) => p.id === EVENT_PROPERTIES.contentHash)!.value;

const listing = (...value: unknown[]) =>
  server.respond({ method: 'GET', path: EVENTS }, [{ status: 200, body: { value } }]);
const patches = (n: number) =>
  server.respond(
    { method: 'PATCH', path: /\/events\/[^/]+$/ },
    Array(n).fill({ status: 200, body: { id: 'x' } }),
  );
const cancels = (n: number) =>
  server.respond({ method: 'POST', path: /\/cancel$/ }, Array(n).fill({ status: 202 }));
const creates = (...ids: string[]) =>
  server.respond(
    { method: 'POST', path: EVENTS },
    ids.map((id) => ({
      status: 201,
      body: { id, onlineMeeting: { joinUrl: `https://teams.example.org/${id}` } },
    })),
  );

describe('Graph calendar', () => {
  it('finds first, then creates a Teams meeting with the part key as transactionId and extended property', async () => {
    listing();
    creates('AAMk-1');
    const refs = await calendar().upsertConferenceEvents(buildConference());
    expect(refs).toEqual([
      { key: `${CONFERENCE_ID}:1`, part: 1, eventId: 'AAMk-1', joinUrl: 'https://teams.example.org/AAMk-1' },
    ]);
    const [find] = sent('GET', EVENTS);
    expect(find?.query.$filter).toBe(
      `singleValueExtendedProperties/Any(ep: ep/id eq '${EVENT_PROPERTIES.conferenceId}' and ep/value eq '${CONFERENCE_ID}')`,
    );
    const create = bodyOf(sent('POST', EVENTS)[0]);
    expect(create).toMatchObject({
      subject: 'RT-2026-0042: Initial child protection conference',
      transactionId: `${CONFERENCE_ID}:1`,
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      start: { dateTime: '2026-03-05T10:00:00', timeZone: 'Europe/London' },
      end: { dateTime: '2026-03-05T12:00:00', timeZone: 'Europe/London' },
      body: { contentType: 'html' },
    });
    expect(create.attendees).toContainEqual({
      emailAddress: { address: 'robin.sample@family.example.org', name: 'Robin Sample' },
      type: 'required',
    });
    expect(create.singleValueExtendedProperties).toContainEqual({
      id: EVENT_PROPERTIES.partKey,
      value: `${CONFERENCE_ID}:1`,
    });
    expect(create.body.content).toContain('If you need an interpreter');
    // Graph adds the new meeting's own link; a link stored on the conference beforehand is not repeated.
    expect(create.body.content).toContain('use the Microsoft Teams link in this invitation');
    expect(create.body.content).not.toContain('meeting_fixture');
  });

  it('sends nothing when a re-send changes nothing, and PATCHes (keeping the link) when it does', async () => {
    listing();
    creates('AAMk-1');
    await calendar().upsertConferenceEvents(buildConference());
    const hash = hashOf(bodyOf(sent('POST', EVENTS)[0]));

    listing(listed('AAMk-1', partKey(CONFERENCE_ID, 1), hash));
    await calendar().upsertConferenceEvents(buildConference());
    expect(sent('PATCH')).toHaveLength(0);
    expect(sent('POST', EVENTS)).toHaveLength(1);

    listing(listed('AAMk-1', partKey(CONFERENCE_ID, 1), hash));
    patches(1);
    const refs = await calendar().upsertConferenceEvents(
      buildConference({ scheduledStart: '2026-07-02T14:00' }),
    );
    const [patch, ...more] = sent('PATCH');
    expect(more).toEqual([]);
    expect(patch?.path).toBe('/v1.0/users/roundtable%40example.org/events/AAMk-1');
    const update = bodyOf(patch);
    expect(update.start).toEqual({ dateTime: '2026-07-02T14:00:00', timeZone: 'Europe/London' });
    expect(update.transactionId).toBeUndefined();
    expect(update.body.content).toContain('href="https://teams.example.org/AAMk-1"');
    expect(hashOf(update)).not.toBe(hash);
    expect(refs[0]?.eventId).toBe('AAMk-1');
  });

  it('gives a two-part conference two events whose family attendees never overlap', async () => {
    listing();
    creates('AAMk-1', 'AAMk-2');
    const refs = await calendar().upsertConferenceEvents(twoPart());
    expect(refs.map((r) => [r.key, r.eventId])).toEqual([
      [`${CONFERENCE_ID}:1`, 'AAMk-1'],
      [`${CONFERENCE_ID}:2`, 'AAMk-2'],
    ]);
    const [one, two] = sent('POST', EVENTS).map((r) => bodyOf(r));
    const emails = (b: EventBody | undefined) => (b?.attendees ?? []).map((a) => a.emailAddress.address);
    expect(emails(one)).toContain('robin.sample@family.example.org');
    expect(emails(one)).not.toContain('sam.sample@family.example.org');
    expect(emails(two)).toContain('sam.sample@family.example.org');
    expect(emails(two)).not.toContain('robin.sample@family.example.org');
    expect([one?.transactionId, two?.transactionId]).toEqual([
      partKey(CONFERENCE_ID, 1),
      partKey(CONFERENCE_ID, 2),
    ]);
    expect(one?.subject).toBe('RT-2026-0042: Initial child protection conference (part 1 of 2)');
    expect(JSON.stringify(two)).not.toMatch(/Robin/);
  });

  it('cancels a part that is no longer needed', async () => {
    listing(
      listed('AAMk-1', partKey(CONFERENCE_ID, 1), 'old'),
      listed('AAMk-2', partKey(CONFERENCE_ID, 2), 'old'),
    );
    patches(1);
    cancels(1);
    await calendar().upsertConferenceEvents(buildConference());
    expect(sent('PATCH').map((r) => r.path)).toEqual(['/v1.0/users/roundtable%40example.org/events/AAMk-1']);
    expect(sent('POST', /\/cancel$/).map((r) => r.path)).toEqual([
      '/v1.0/users/roundtable%40example.org/events/AAMk-2/cancel',
    ]);
  });

  it('cancels every part with the message as the comment', async () => {
    listing(
      listed('AAMk-1', partKey(CONFERENCE_ID, 1), 'h'),
      listed('AAMk-2', partKey(CONFERENCE_ID, 2), 'h'),
    );
    cancels(2);
    await calendar().cancelConferenceEvents(twoPart(), 'The conference is cancelled: the family moved away.');
    const cancelled = sent('POST', /\/cancel$/);
    expect(cancelled.map((r) => r.body)).toEqual([
      { Comment: 'The conference is cancelled: the family moved away.' },
      { Comment: 'The conference is cancelled: the family moved away.' },
    ]);
    await expect(calendar().cancelConferenceEvents(twoPart(), ' ')).rejects.toThrow();
  });

  it('refuses a conference with no time before calling Graph', async () => {
    await expect(
      calendar().upsertConferenceEvents(buildConference({ scheduledStart: undefined })),
    ).rejects.toThrow(/date and time/);
    expect(server.graphRequests()).toEqual([]);
  });

  it('reads free/busy through getSchedule', async () => {
    server.respond({ method: 'POST', path: /\/calendar\/getSchedule$/ }, [
      {
        status: 200,
        body: {
          value: [
            {
              scheduleId: 'Asha.Patel@agency.example.org',
              availabilityView: '0220',
              scheduleItems: [
                {
                  status: 'busy',
                  start: { dateTime: '2026-03-05T10:30:00.0000000', timeZone: 'UTC' },
                  end: { dateTime: '2026-03-05T11:30:00.0000000', timeZone: 'UTC' },
                },
              ],
            },
            {
              scheduleId: 'someone@elsewhere.example.org',
              error: { message: 'no access', responseCode: 'Error' },
            },
          ],
        },
      },
    ]);
    const window = { start: new Date('2026-03-05T09:00:00Z'), end: new Date('2026-03-05T17:00:00Z') };
    const result = await calendar().freeBusy(
      ['asha.patel@agency.example.org', 'someone@elsewhere.example.org'],
      window,
    );
    expect(result).toEqual([
      {
        mailbox: 'asha.patel@agency.example.org',
        known: true,
        busy: [{ start: '2026-03-05T10:30:00.000Z', end: '2026-03-05T11:30:00.000Z', status: 'busy' }],
      },
      { mailbox: 'someone@elsewhere.example.org', known: false, busy: [] },
    ]);
    const [request] = sent('POST', /getSchedule$/);
    expect(request?.body).toEqual({
      Schedules: ['asha.patel@agency.example.org', 'someone@elsewhere.example.org'],
      StartTime: { dateTime: '2026-03-05T09:00:00.000', timeZone: 'UTC' },
      EndTime: { dateTime: '2026-03-05T17:00:00.000', timeZone: 'UTC' },
      AvailabilityViewInterval: 30,
    });
    expect(request?.headers.prefer).toBe('outlook.timezone="UTC"');
  });

  it('reads RSVP answers from calendarView, page by page', async () => {
    const VIEW = /\/calendarView$/;
    const attendee = (address: string, response: string, time: string) => ({
      emailAddress: { address },
      status: { response, time },
    });
    server.respond({ method: 'GET', path: VIEW }, [
      {
        status: 200,
        body: {
          value: [
            {
              ...listed('AAMk-1', partKey(CONFERENCE_ID, 1), 'h'),
              attendees: [
                attendee('Asha.Patel@agency.example.org', 'accepted', '2026-02-21T10:00:00Z'),
                attendee('ben.okafor@agency.example.org', 'none', '0001-01-01T00:00:00Z'),
              ],
            },
            { id: 'AAMk-other', attendees: [attendee('x@example.org', 'declined', '2026-02-21T10:00:00Z')] },
          ],
          '@odata.nextLink': `${server.baseUrl}/users/roundtable%40example.org/calendarView?%24skiptoken=abc`,
        },
      },
      {
        status: 200,
        body: {
          value: [
            {
              ...listed('AAMk-2', partKey(CONFERENCE_ID, 2), 'h'),
              attendees: [
                attendee('sam.sample@family.example.org', 'tentativelyAccepted', '2026-02-22T08:00:00Z'),
              ],
            },
          ],
        },
      },
    ]);
    const answers = await calendar().changedResponses({
      start: new Date('2026-03-01T00:00:00Z'),
      end: new Date('2026-04-01T00:00:00Z'),
    });
    expect(answers).toEqual([
      {
        key: partKey(CONFERENCE_ID, 1),
        eventId: 'AAMk-1',
        email: 'asha.patel@agency.example.org',
        response: 'accepted',
        respondedAt: '2026-02-21T10:00:00.000Z',
      },
      {
        key: partKey(CONFERENCE_ID, 2),
        eventId: 'AAMk-2',
        email: 'sam.sample@family.example.org',
        response: 'tentativelyAccepted',
        respondedAt: '2026-02-22T08:00:00.000Z',
      },
    ]);
    const [first, second] = sent('GET', VIEW);
    expect(first?.query).toMatchObject({
      startDateTime: '2026-03-01T00:00:00.000Z',
      endDateTime: '2026-04-01T00:00:00.000Z',
    });
    expect(second?.query).toEqual({ $skiptoken: 'abc' });
  });
});
