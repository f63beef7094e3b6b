import { syncCalendarResponses } from '../../bot/jobs/calendar-sync.js';
import type { AttendeeResponse } from '../../bot/graph/calendar-graph-mapping.js';
import { createLogger } from '../../bot/logger.js';
import { invitationFlow } from '../helpers/invitation-flow.js';
import type { Flow } from '../helpers/invitation-flow.js';

// Graph's calendarView is faked at the port here; the Graph adapter's own requests are tested against the
// contract in graph-calendar.test.ts.
let flow: Flow;
let replies: AttendeeResponse[] = [];
const calendar = { changedResponses: async () => replies };
const quiet = createLogger('silent');

beforeAll(async () => {
  flow = await invitationFlow();
}, 90_000);
afterAll(() => flow.close());

const answers = async () =>
  Object.fromEntries(
    (await flow.readiness()).invitations.map((i) => [
      i.name,
      { answer: i.answer, history: i.history.length },
    ]),
  );

test('calendar replies become answers through the same rules, and a reply seen again changes nothing', async () => {
  const key = `${flow.conferenceId}:1`;
  replies = [
    {
      key,
      eventId: 'evt-1',
      email: 'hana.hv@example.org',
      response: 'accepted',
      respondedAt: '2026-11-24T10:00:00.000Z',
    },
    {
      key,
      eventId: 'evt-1',
      email: 'theo.teacher@example.org',
      response: 'declined',
      respondedAt: '2026-11-24T10:05:00.000Z',
    },
    {
      key,
      eventId: 'evt-1',
      email: 'sam.sw@example.org',
      response: 'tentativelyAccepted',
      respondedAt: '2026-11-24T10:06:00.000Z',
    },
    // The parent accepting the calendar invitation is not an agency's answer.
    {
      key,
      eventId: 'evt-1',
      email: 'robin.sample@example.org',
      response: 'accepted',
      respondedAt: '2026-11-24T10:07:00.000Z',
    },
  ];
  expect(await syncCalendarResponses(flow.app.services.invitations, calendar, quiet)).toEqual({
    recorded: 2,
    skipped: 2,
  });
  const after = await answers();
  // A hybrid conference: an acceptance counts as online; declining means report only.
  expect(after['Hana Healthvisitor (fictional)']).toEqual({ answer: 'attending-virtually', history: 1 });
  expect(after['Theo Teacher (fictional)']).toEqual({ answer: 'report-only', history: 1 });
  expect(after['Sam Socialworker (fictional)']?.answer).toBeNull();

  expect(await syncCalendarResponses(flow.app.services.invitations, calendar, quiet)).toEqual({
    recorded: 0,
    skipped: 4,
  });
  expect(await answers()).toEqual(after);
});

test('a later answer from the card wins over an earlier calendar reply', async () => {
  const police = (await flow.readiness()).invitations.find((i) => i.name.startsWith('PC Pat'))!;
  await flow.api(`/api/conferences/${flow.conferenceId}/invitations/${police.id}/answers`, {
    method: 'POST',
    body: JSON.stringify({
      answer: 'attending-in-person',
      recordedBy: { kind: 'business-support', name: 'Bea Support (fictional)' },
      answeredAt: '2026-11-24T12:00:00.000Z',
    }),
  });
  replies = [
    {
      key: `${flow.conferenceId}:1`,
      eventId: 'evt-1',
      email: 'pat.police@example.org',
      response: 'declined',
      respondedAt: '2026-11-24T11:00:00.000Z',
    },
  ];
  await syncCalendarResponses(flow.app.services.invitations, calendar, quiet);
  const pat = (await answers())['PC Pat Police (fictional)'];
  expect(pat).toEqual({ answer: 'attending-in-person', history: 2 });
});
