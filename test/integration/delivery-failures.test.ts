import { cardAction } from '../fakes/activities.js';
import { CHAIR, HEALTH_VISITOR, SOCIAL_WORKER, TEACHER, invitationFlow } from '../helpers/invitation-flow.js';
import type { Flow } from '../helpers/invitation-flow.js';

// Teams failing does not lose an invitation: it waits in the outbox, the chair can see it, and it goes
// out once Teams answers again, once only.
let flow: Flow;
beforeAll(async () => {
  flow = await invitationFlow();
}, 90_000);
afterAll(() => flow.close());

type Readiness = { pendingDeliveries: { kind: string; attempts: number; lastError: string | null }[] };

test('a conference moved while Teams is failing: new invitations wait, visibly, then go out once', async () => {
  flow.connector.failNext(1000, 500);
  const moved = await flow.api(`/api/conferences/${flow.conferenceId}/schedule`, {
    method: 'POST',
    body: JSON.stringify({ scheduledStart: '2026-12-11T14:00' }),
  });
  expect(moved.status).toBe(200);
  await flow.app.services.outbox.idle();

  const waiting = (await (
    await flow.api(`/api/conferences/${flow.conferenceId}/readiness`)
  ).json()) as Readiness;
  const invitations = waiting.pendingDeliveries.filter((d) => d.kind === 'invitation');
  expect(invitations).toHaveLength(3); // the three people in Teams; the police officer's email went
  expect(invitations.every((d) => d.attempts === 1 && d.lastError === 'FAILED 500')).toBe(true);

  const card = await flow.post(
    cardAction(flow.connector.serviceUrl, CHAIR, 'readiness.refresh', { conferenceId: flow.conferenceId }),
  );
  expect(JSON.stringify(((await card.json()) as { value: unknown }).value)).toContain(
    '3 message(s) not delivered yet: 3 failed and will be tried again. Nothing is lost.',
  );

  // Teams is back; the retry is due a minute later.
  flow.connector.failNext(0, 200);
  const mark = flow.connector.requests.length;
  flow.app.clock.advanceMs(2 * 60_000);
  expect(await flow.app.services.outbox.dispatchDue()).toBe(3);
  const sent = flow.connector.requests.slice(mark).map((r) => r.path);
  for (const who of [SOCIAL_WORKER, HEALTH_VISITOR, TEACHER])
    expect(sent.filter((p) => p.includes(encodeURIComponent(`a:personal-${who.id}`)))).toHaveLength(1);
  expect(JSON.stringify(flow.cardsFor(HEALTH_VISITOR).at(-1))).toContain(
    'Friday 11 December 2026, 14:00 to 16:00',
  );

  const after = (await (
    await flow.api(`/api/conferences/${flow.conferenceId}/readiness`)
  ).json()) as Readiness;
  expect(after.pendingDeliveries).toEqual([]);
  expect(await flow.app.services.outbox.dispatchDue()).toBe(0);
});
