import { cardAction } from '../fakes/activities.js';
import { CHAIR, HEALTH_VISITOR, SOCIAL_WORKER, TEACHER, invitationFlow } from '../helpers/invitation-flow.js';
import type { Flow } from '../helpers/invitation-flow.js';

// Conference Thu 10 Dec 2026 at 10:00. Reminders: 5 working days before is Thu 3 Dec, 2 before is Tue 8 Dec.
// The chair is warned from 5 working days before (Thu 3 Dec) when quorum is at risk.
let flow: Flow;
beforeAll(async () => {
  flow = await invitationFlow({ now: new Date('2026-11-24T09:00:00Z'), scheduledStart: '2026-12-10T10:00' });
}, 90_000);
afterAll(() => flow.close());

const cardsSince = (mark: number) =>
  flow.connector.requests.slice(mark).flatMap((r) =>
    ((r.body.attachments ?? []) as { content: unknown }[]).map((a) => ({
      path: r.path,
      text: JSON.stringify(a.content),
    })),
  );
const at = async (iso: string) => {
  flow.app.clock.set(new Date(iso));
  const mark = flow.connector.requests.length;
  const emailsBefore = flow.emails().length;
  const result = await flow.app.services.chase();
  await flow.app.services.outbox.idle();
  return { result, cards: cardsSince(mark), newEmails: flow.emails().slice(emailsBefore) };
};
const to = (who: { id: string }) => (c: { path: string }) =>
  c.path.includes(encodeURIComponent(`a:personal-${who.id}`));

test('before the first reminder day nobody is chased', async () => {
  const { result, cards } = await at('2026-12-02T08:00:00Z');
  expect(result).toEqual({ reminders: 0, warnings: 0 });
  expect(cards).toHaveLength(0);
});

test('5 working days before, everyone who has not answered is reminded and the chair is warned', async () => {
  const { result, cards, newEmails } = await at('2026-12-03T08:00:00Z');
  expect(result.reminders).toBe(4);
  for (const who of [SOCIAL_WORKER, HEALTH_VISITOR, TEACHER]) {
    const mine = cards.filter(to(who));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.text).toMatch(/not yet answered/i);
  }
  // The police officer has no Teams: the reminder goes by email.
  expect(newEmails).toHaveLength(1);
  expect(newEmails[0]).toMatch(/Subject: Reminder: please answer: RT-2026-\d{4}/);
  const warning = cards.filter(to(CHAIR));
  expect(warning).toHaveLength(1);
  expect(warning[0]?.text).toMatch(/may not be quorate|will not be quorate/);
});

test('running the chase again the same day sends nothing twice', async () => {
  const { cards, newEmails } = await at('2026-12-03T15:00:00Z');
  expect(cards).toHaveLength(0);
  expect(newEmails).toHaveLength(0);
});

test('2 working days before, only those still silent are reminded', async () => {
  const card = flow.cardsFor(HEALTH_VISITOR)[0]!;
  const res = await flow.post(
    cardAction(
      flow.connector.serviceUrl,
      HEALTH_VISITOR,
      'rsvp.attendVirtually',
      flow.buttonData(card, 'rsvp.attendVirtually'),
    ),
  );
  expect(res.status).toBe(200);
  const { cards } = await at('2026-12-08T08:00:00Z');
  expect(cards.filter(to(HEALTH_VISITOR))).toHaveLength(0);
  expect(cards.filter(to(SOCIAL_WORKER))).toHaveLength(1);
  expect(cards.filter(to(TEACHER))).toHaveLength(1);
  // After the last reminder, with people still silent, the chair is told again.
  expect(cards.filter(to(CHAIR))).toHaveLength(1);
});
