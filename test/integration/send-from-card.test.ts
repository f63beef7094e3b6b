import { cardProblems } from '../helpers/contracts.js';
import { cardAction, message } from '../fakes/activities.js';
import { CHAIR, HEALTH_VISITOR, invitationFlow } from '../helpers/invitation-flow.js';
import type { Flow } from '../helpers/invitation-flow.js';

// The chair's path in Teams: "my conferences", then "Send invitations" on the card, without the API.
let flow: Flow;
beforeAll(async () => {
  flow = await invitationFlow({ send: false });
}, 90_000);
afterAll(() => flow.close());

const text = (card: unknown) => JSON.stringify(card);
const invoke = async (who: typeof CHAIR, verb: string, data: unknown) =>
  (
    (await (await flow.post(cardAction(flow.connector.serviceUrl, who, verb, data))).json()) as {
      value: unknown;
    }
  ).value;

test('the chair sends the invitations from the My conferences card and sees who is coming', async () => {
  await flow.post(message(flow.connector.serviceUrl, CHAIR, 'my conferences'));
  const list = flow.cardsFor(CHAIR).at(-1)!;
  expect(text(list)).toContain('Send invitations');
  const data = flow.buttonData(list, 'invitations.send');

  // Someone else pressing the chair's button changes nothing.
  expect(text(await invoke(HEALTH_VISITOR, 'invitations.send', data))).toContain('Only the chair');
  await flow.app.services.outbox.idle();
  expect(flow.cardsFor(HEALTH_VISITOR)).toHaveLength(0);

  const readiness = await invoke(CHAIR, 'invitations.send', data);
  expect(cardProblems(readiness)).toEqual([]);
  expect(text(readiness)).toContain('Who is coming to RT-2026-');
  expect(text(readiness)).toContain('Not answered: **4**');
  expect(text(readiness)).not.toContain('"title":"Send invitations"');
  await flow.app.services.outbox.idle();
  expect(text(flow.cardsFor(HEALTH_VISITOR)[0])).toContain(
    'You are invited to an initial child protection conference',
  );
});
