/**
 * Cancelling a core group meeting through the HTTP API, as the lead social worker would from the tab: the
 * reason is required and kept on the record, the calendar event is cancelled for its attendees without the
 * reason (it may be about the family), members' cards show the cancellation, and new times can be offered.
 */
import { cardAction } from '../fakes/activities.js';
import type { TeamsUser } from '../fakes/activities.js';
import { cardProblems } from '../helpers/contracts.js';
import { CHAIR, HEALTH_VISITOR, invitationFlow, SOCIAL_WORKER, TEACHER } from '../helpers/invitation-flow.js';
import type { Flow } from '../helpers/invitation-flow.js';
import { devSignIn } from '../helpers/tab-api.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let flow: Flow;
let base: string;
const REASON = 'Hana Healthvisitor (fictional) is in hospital; Mum asked to move it.';

const call = async (u: TeamsUser, path: string, body: unknown = {}) =>
  fetch(`${flow.app.url}${path}`, {
    method: 'POST',
    headers: {
      cookie: (await devSignIn(flow.app.url, u.aadObjectId)).cookie,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
const state = async (): Promise<Json> => {
  const caller = await devSignIn(flow.app.url, SOCIAL_WORKER.aadObjectId);
  return (await (await caller.get(base)).json()) as Json;
};
const invoke = async (who: TeamsUser, verb: string, data: unknown): Promise<Json> =>
  ((await (await flow.post(cardAction(flow.connector.serviceUrl, who, verb, data))).json()) as Json).value;

beforeAll(async () => {
  flow = await invitationFlow({ now: new Date('2026-11-24T09:00:00Z'), scheduledStart: '2026-11-26T10:00' });
  base = `/api/conferences/${flow.conferenceId}/core-group`;
  flow.app.clock.set(new Date('2026-11-26T11:00:00Z'));
  const chair = await devSignIn(flow.app.url, CHAIR.aadObjectId);
  const go = async (command: object) => {
    const res = await chair.command(flow.conferenceId, command);
    if (res.status !== 200) throw new Error(`${JSON.stringify(command)}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as Json).view as Json;
  };
  const view = await go({
    type: 'plan.add',
    what: 'Weigh Wren every two weeks',
    who: 'Hana Healthvisitor (fictional)',
    byWhen: '2027-01-29',
    howWeWillKnow: 'The red book',
  });
  const idOf = (name: string) => view.people.find((p: Json) => p.name === name).id;
  await go({
    type: 'decision.record',
    outcome: 'child-protection-plan',
    category: 'neglect',
    coreGroupPersonIds: [idOf(HEALTH_VISITOR.name), idOf(TEACHER.name)],
    dissent: [],
  });
}, 120_000);
afterAll(() => flow.close());

test('a fixed meeting is cancelled with its reason; the calendar cancellation leaves the reason out', async () => {
  const offered = (await (await call(SOCIAL_WORKER, `${base}/meetings`)).json()) as Json;
  const start = offered.offeredSlots[0].start as string;
  expect((await call(SOCIAL_WORKER, `${base}/meetings/${offered.id}/schedule`, { start })).status).toBe(200);
  await flow.app.services.outbox.idle();
  expect(flow.calendarFiles().some((f) => f.includes('Core group meeting 1'))).toBe(true);

  // No reason: a kind 400 naming the field, and the meeting is still on.
  const empty = await call(SOCIAL_WORKER, `${base}/meetings/${offered.id}/cancel`, { reason: '   ' });
  expect(empty.status).toBe(400);
  expect(JSON.stringify(await empty.json())).toMatch(/reason.*Say why the meeting is cancelled/);
  const long = await call(SOCIAL_WORKER, `${base}/meetings/${offered.id}/cancel`, {
    reason: 'x'.repeat(501),
  });
  expect(long.status).toBe(400);
  expect(JSON.stringify(await long.json())).toContain('Keep the reason to 500 characters.');
  // A professional in the core group cannot cancel it.
  const refused = await call(HEALTH_VISITOR, `${base}/meetings/${offered.id}/cancel`, { reason: 'No' });
  expect(refused.status).toBe(403);
  expect((await state()).meetings[0]).toMatchObject({ status: 'scheduled', cancelledReason: null });

  const res = await call(SOCIAL_WORKER, `${base}/meetings/${offered.id}/cancel`, { reason: REASON });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'cancelled', cancelledReason: REASON });
  await flow.app.services.outbox.idle();
  const cancellation = flow.calendarFiles().find((f) => f.includes('METHOD:CANCEL'));
  expect(cancellation).toContain('Core group meeting 1');
  expect(cancellation).toContain('hana.hv@example.org');
  // The attendees are named on the event; why it was cancelled is not.
  expect(cancellation).not.toContain('hospital');
  expect(cancellation).not.toContain('Mum asked');

  // Once is enough; a held or cancelled meeting says why not.
  const again = await call(SOCIAL_WORKER, `${base}/meetings/${offered.id}/cancel`, { reason: REASON });
  expect(again.status).toBe(409);
  expect(JSON.stringify(await again.json())).toContain('already cancelled');
});

test('members see the cancellation on their card, and new times can be offered', async () => {
  const [cancelled] = (await state()).meetings as Json[];
  const seen = await invoke(HEALTH_VISITOR, 'coreGroup.slots.refresh', {
    conferenceId: flow.conferenceId,
    meetingId: cancelled!.id,
  });
  expect(cardProblems(seen)).toEqual([]);
  expect(JSON.stringify(seen)).toContain('This meeting was cancelled.');
  expect(JSON.stringify(seen)).not.toContain('coreGroup.slots.answer');

  flow.connector.requests.length = 0;
  const res = await call(SOCIAL_WORKER, `${base}/meetings`);
  expect(res.status).toBe(201);
  const next = (await res.json()) as Json;
  expect(next).toMatchObject({ status: 'proposed', dueOn: cancelled!.dueOn });
  await flow.app.services.outbox.idle();
  const cards = flow.cardsFor(TEACHER).filter((c) => JSON.stringify(c).includes(next.id));
  expect(cards).toHaveLength(1);
  expect((await state()).meetings.map((m: Json) => m.status)).toEqual(['cancelled', 'proposed']);
});
