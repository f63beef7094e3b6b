import type { GraphCalendar } from '../../bot/graph/graph-calendar.js';
import { proposeFirstCoreGroupSlots } from '../../bot/use-cases/core-group-slots.js';
import type { FreeBusy, MailboxFreeBusy } from '../../bot/use-cases/core-group-slots.js';
import { recordRsvp, scheduleConference } from '../../bot/use-cases/invitations.js';
import type { RsvpAnswer } from '../../bot/domain/rsvp.js';
import { invitationFlow } from '../helpers/invitation-flow.js';
import type { Flow } from '../helpers/invitation-flow.js';

// The Graph adapter's getSchedule request is tested against the contract in graph-calendar.test.ts;
// here free/busy is faked at the port, and this line checks at compile time that the adapter fits it.
export const graphFitsThePort = (graph: GraphCalendar): FreeBusy => graph;

const SAM = 'sam.sw@example.org';
const CASEY = 'casey.chair@example.org';
const HANA = 'hana.hv@example.org';
const DEE = 'dee.deputy@example.org';

let flow: Flow;
let scripted: Record<string, [string, string][] | 'unknown'> = {};
const calls: { mailboxes: string[]; start: string; end: string }[] = [];
const freeBusy: FreeBusy = {
  async freeBusy(mailboxes, window) {
    calls.push({
      mailboxes: [...mailboxes].sort(),
      start: window.start.toISOString(),
      end: window.end.toISOString(),
    });
    return mailboxes.flatMap((mailbox): MailboxFreeBusy[] => {
      const s = scripted[mailbox];
      if (!s) return [];
      if (s === 'unknown') return [{ mailbox, known: false, busy: [] }];
      return [{ mailbox, known: true, busy: s.map(([start, end]) => ({ start, end, status: 'busy' })) }];
    });
  },
};
const deps = () => ({ ...flow.app.services.invitations, freeBusy });
const propose = () => proposeFirstCoreGroupSlots(deps(), flow.conferenceId);
const slotSummary = (slots: Awaited<ReturnType<typeof propose>>['slots']) =>
  slots.map(({ label, free, busy, unknown }) => ({ label, free, busy, unknown }));

async function answer(email: string, answer: RsvpAnswer, deputy?: { name: string; email: string }) {
  const services = flow.app.services.invitations;
  const conference = (await services.conferences.getConference(flow.conferenceId))!;
  const invitee = conference.invitees.find((i) => i.email === email)!;
  const invitation = (await services.invitations.list(flow.conferenceId)).find(
    (i) => i.inviteeId === invitee.id,
  )!;
  await recordRsvp(services, {
    invitationId: invitation.id,
    answer,
    deputy: deputy ?? null,
    actor: { kind: 'chair', id: 'casey' },
    via: 'chair',
    idempotencyKey: `core-group-test:${email}`,
    answeredAt: '2026-11-24T09:00:00Z',
  });
}

beforeAll(async () => {
  // Conference Thu 10 Dec 2026 10:00; the clock stands at Tue 24 Nov 2026.
  flow = await invitationFlow();
  await answer(SAM, 'attending-in-person');
  await answer(HANA, 'attending-virtually');
  await answer('theo.teacher@example.org', 'sending-deputy', { name: 'Dee Deputy (fictional)', email: DEE });
  await answer('pat.police@example.org', 'report-only');
}, 90_000);
afterAll(() => flow.close());

test('the window runs from the day after the conference to the first core group deadline', async () => {
  scripted = {
    [SAM]: [
      ['2026-12-11T09:00:00Z', '2026-12-11T17:00:00Z'],
      ['2026-12-14T09:00:00Z', '2026-12-14T12:00:00Z'],
    ],
    [CASEY]: [['2026-12-14T12:00:00Z', '2026-12-14T14:00:00Z']],
    [HANA]: 'unknown',
    [DEE]: [],
  };
  const proposal = await propose();
  // 10 working days after Thu 10 Dec: Fri 11, Mon 14 … Fri 18, Mon 21 … Thu 24 Dec (Christmas is after it).
  expect(proposal.window).toEqual({ from: '2026-12-11', to: '2026-12-24' });
  expect(proposal.deadline).toMatchObject({
    key: 'first-core-group',
    due: '2026-12-24',
    dueLabel: 'Thu 24 Dec 2026',
  });
  // England is on GMT in December, so local midnights are UTC midnights; the last day is included.
  expect(calls.at(-1)).toEqual({
    mailboxes: [CASEY, DEE, HANA, SAM],
    start: '2026-12-11T00:00:00.000Z',
    end: '2026-12-25T00:00:00.000Z',
  });
  // The lead social worker is required; the chair and those attending, or their deputy, are optional.
  // Theo sent a deputy and Pat sends a report only, so neither is asked; the family is never in Graph.
  expect(proposal.candidates).toEqual([
    { id: SAM, name: 'Sam Socialworker (fictional)', role: 'Lead social worker', required: true },
    { id: CASEY, name: 'Casey Chair (fictional)', role: 'Chair', required: false },
    { id: HANA, name: 'Hana Healthvisitor (fictional)', role: 'Health visitor', required: false },
    {
      id: DEE,
      name: 'Dee Deputy (fictional)',
      role: 'Designated safeguarding lead (in place of Theo Teacher (fictional))',
      required: false,
    },
  ]);
  // Sam is busy on Friday and until 12:00 on Monday; Casey from 12:00 to 14:00 on Monday. Hana's
  // calendar cannot be read, so no time has her free. Best: Monday from 14:00, then Tuesday morning.
  const everyoneKnown = { free: [SAM, CASEY, DEE], busy: [], unknown: [HANA] };
  expect(proposal.allRequiredFree).toBe(true);
  expect(slotSummary(proposal.slots)).toEqual([
    { label: 'Mon 14 Dec 2026, 14:00 to 15:00', ...everyoneKnown },
    { label: 'Mon 14 Dec 2026, 14:30 to 15:30', ...everyoneKnown },
    { label: 'Mon 14 Dec 2026, 15:00 to 16:00', ...everyoneKnown },
    { label: 'Mon 14 Dec 2026, 15:30 to 16:30', ...everyoneKnown },
    { label: 'Tue 15 Dec 2026, 09:30 to 10:30', ...everyoneKnown },
  ]);
  expect(proposal.slots[0]?.start).toBe('2026-12-14T14:00:00+00:00');
});

test('when the social worker’s calendar cannot be read, the slots say so and are only partial', async () => {
  scripted = { [SAM]: 'unknown', [CASEY]: [], [DEE]: [] }; // Hana is missing from the answer altogether
  const proposal = await propose();
  expect(proposal.allRequiredFree).toBe(false);
  expect(slotSummary(proposal.slots)[0]).toEqual({
    label: 'Fri 11 Dec 2026, 09:30 to 10:30',
    free: [CASEY, DEE],
    busy: [],
    unknown: [SAM, HANA],
  });
});

test('over Christmas the bank holidays are neither counted nor offered', async () => {
  await scheduleConference(flow.app.services.invitations, flow.conferenceId, '2026-12-17T10:00');
  // Sam is busy on every working day but free on the bank holidays, and free on Tue 5 Jan from 13:00.
  const workingDays = ['12-18', '12-21', '12-22', '12-23', '12-24', '12-29', '12-30', '12-31'];
  scripted = {
    [SAM]: [
      ...workingDays.map((d): [string, string] => [`2026-${d}T00:00:00Z`, `2026-${d}T23:59:00Z`]),
      ['2027-01-04T00:00:00Z', '2027-01-04T23:59:00Z'],
      ['2027-01-05T00:00:00Z', '2027-01-05T13:00:00Z'],
    ],
    [CASEY]: [],
    [HANA]: [],
    [DEE]: [],
  };
  const proposal = await propose();
  // After Thu 17 Dec: 18, 21, 22, 23, 24 Dec (5), not 25 or 28 (bank holidays), 29, 30, 31 Dec (8),
  // not 1 Jan (bank holiday), 4 Jan (9), 5 Jan (10).
  expect(proposal.window).toEqual({ from: '2026-12-18', to: '2027-01-05' });
  expect(proposal.deadline.dueLabel).toBe('Tue 5 Jan 2027');
  expect(calls.at(-1)).toMatchObject({ start: '2026-12-18T00:00:00.000Z', end: '2027-01-06T00:00:00.000Z' });
  expect(proposal.slots.map((s) => [s.label, s.allRequiredFree])).toEqual([
    ['Tue 5 Jan 2027, 13:00 to 14:00', true],
    ['Tue 5 Jan 2027, 13:30 to 14:30', true],
    ['Tue 5 Jan 2027, 14:00 to 15:00', true],
    ['Tue 5 Jan 2027, 14:30 to 15:30', true],
    ['Tue 5 Jan 2027, 15:00 to 16:00', true],
  ]);
});

test('an unknown conference is refused with its code', async () => {
  await expect(
    proposeFirstCoreGroupSlots(deps(), '00000000-0000-4000-8000-000000000000'),
  ).rejects.toMatchObject({
    code: 'CONFERENCE_NOT_FOUND',
  });
});
