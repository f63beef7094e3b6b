/**
 * The report chase on a simulated clock, real PGlite and the real bot endpoint. The conference is on
 * Thu 7 Jan 2027 at 10:00, just after Christmas: reports are due Tue 5 Jan; the reminders go 3 and 1
 * working days before that, Wed 30 Dec 2026 (Fri 25 and Mon 28 Dec are bank holidays) and Mon 4 Jan;
 * the chair's reading deadline is Wed 6 Jan at 10:00.
 */
import {
  englandAndWalesCalendar,
  reportReminders,
  TimescaleSettings,
} from '../../bot/domain/timescales/index.js';
import { cardAction } from '../fakes/activities.js';
import type { TeamsUser } from '../fakes/activities.js';
import { cardProblems } from '../helpers/contracts.js';
import {
  CHAIR,
  FAMILY_NAMES,
  HEALTH_VISITOR,
  SOCIAL_WORKER,
  STRANGER,
  TEACHER,
  invitationFlow,
} from '../helpers/invitation-flow.js';
import type { Flow } from '../helpers/invitation-flow.js';

const START = '2027-01-07T10:00';
const MANAGER = 'mo.manager@example.org';
const COMPLETE = {
  agency: { name: 'Example Primary School', contactWithChild: 'Daily at school.' },
  workingWell: { strengths: 'Settled in class.', protectiveFactors: 'Walks to school with an aunt.' },
  worries: { harm: 'Often hungry.', risks: 'Missed meals.', complicatingFactors: 'None known.' },
  child: { livedExperience: 'Quiet on Mondays.', views: 'Likes football.', obtainedBy: ['spoke-with-child'] },
  recommendations: [
    { what: 'Breakfast club', who: 'Theo', byWhen: 'next week', howWeWillKnow: 'Attendance list' },
  ],
  safetyScale: { score: 5, reason: 'Attendance has improved.' },
  sharedWithFamily: { sharedOn: '2026-12-31', how: 'in-person', familyResponse: 'Agreed.' },
};

const text = (card: unknown) => JSON.stringify(card);
const withManager = (r: { invitees: { role: string }[] }) => ({
  ...r,
  invitees: r.invitees.map((i) => (i.role === 'Health visitor' ? { ...i, managerEmail: MANAGER } : i)),
});

/** Runs the report chase at a moment and returns what it sent. */
async function chaseAt(flow: Flow, iso: string) {
  flow.app.clock.set(new Date(iso));
  const mark = flow.connector.requests.length;
  const emailsBefore = flow.emails().length;
  const result = await flow.app.services.chaseReports();
  await flow.app.services.outbox.idle();
  const cards = flow.connector.requests.slice(mark).flatMap((r) =>
    ((r.body.attachments ?? []) as { content: Record<string, unknown> }[]).map((a) => ({
      path: r.path,
      card: a.content,
    })),
  );
  const to = (who: TeamsUser) =>
    cards.filter((c) => c.path.includes(encodeURIComponent(`a:personal-${who.id}`))).map((c) => c.card);
  return { result, cards, to, newEmails: flow.emails().slice(emailsBefore) };
}

const noFamilyNames = (card: unknown) => {
  for (const name of FAMILY_NAMES) expect(text(card)).not.toMatch(new RegExp(`\\b${name}\\b`));
};

describe('reminders, late reports and the chair’s decision', () => {
  let flow: Flow;
  let invitationOf: (name: string) => string;
  beforeAll(async () => {
    flow = await invitationFlow({ scheduledStart: START, request: withManager });
    const r = await flow.readiness();
    invitationOf = (name) => r.invitations.find((i) => i.name === name)!.id;
  }, 90_000);
  afterAll(() => flow.close());

  const invoke = async (who: TeamsUser, verb: string, data: unknown) =>
    (
      (await (await flow.post(cardAction(flow.connector.serviceUrl, who, verb, data))).json()) as {
        value: unknown;
      }
    ).value;
  const readingList = async () =>
    (await (await flow.api(`/api/conferences/${flow.conferenceId}/reports`)).json()) as {
      decisions: { decision: string; by: string; newStart: string | null; withinTimescale: boolean | null }[];
    };
  const status = async () =>
    ((await (await flow.api(`/api/conferences/${flow.conferenceId}`)).json()) as { status: string }).status;

  test('the reminder days are the timescales module’s, around the Christmas bank holidays', () => {
    const days = reportReminders(START, englandAndWalesCalendar(), TimescaleSettings.parse({}));
    expect(days.map((d) => d.due)).toEqual(['2026-12-30', '2027-01-04']);
  });

  test('nobody is chased before the first reminder day, bank holiday or not', async () => {
    for (const at of ['2026-12-28T09:00:00Z', '2026-12-29T17:00:00Z']) {
      const { result, cards, newEmails } = await chaseAt(flow, at);
      expect(result).toEqual({ reminders: 0, late: 0, managers: 0, readiness: 0 });
      expect(cards).toHaveLength(0);
      expect(newEmails).toHaveLength(0);
    }
  });

  test('3 working days before the deadline everyone who owes a report is reminded, once', async () => {
    const { result, to, newEmails } = await chaseAt(flow, '2026-12-30T09:00:00Z');
    expect(result.reminders).toBe(4);
    for (const who of [SOCIAL_WORKER, HEALTH_VISITOR, TEACHER]) {
      const mine = to(who);
      expect(mine).toHaveLength(1);
      expect(cardProblems(mine[0])).toEqual([]);
      expect(text(mine[0])).toContain('is due Tue 5 Jan 2027');
      expect(text(mine[0])).toContain('2 working days before the conference');
      noFamilyNames(mine[0]);
    }
    // "Write my report" opens the report dialog for this person's own invitation.
    const button = (to(TEACHER)[0]!.actions as { type: string; title: string; data: unknown }[])[0]!;
    expect(button).toMatchObject({ type: 'Action.Submit', title: 'Write my report' });
    expect(button.data).toEqual({
      msteams: { type: 'task/fetch' },
      dialog: 'report',
      conferenceId: flow.conferenceId,
      invitationId: invitationOf(TEACHER.name),
    });
    // The police officer has no Teams: the reminder goes by email.
    expect(newEmails).toHaveLength(1);
    expect(newEmails[0]).toMatch(/Subject: Reminder: your report for RT-2026-\d{4} is due Tue 5 Jan 2027/);
    for (const name of FAMILY_NAMES) expect(newEmails[0]).not.toMatch(new RegExp(`\\b${name}\\b`));

    const again = await chaseAt(flow, '2026-12-30T15:00:00Z');
    expect(again.cards).toHaveLength(0);
    expect(again.newEmails).toHaveLength(0);
  });

  test('1 working day before, only those whose report is still not in are reminded', async () => {
    flow.app.clock.set(new Date('2026-12-31T10:00:00Z'));
    const base = `/api/conferences/${flow.conferenceId}/reports`;
    const conference = (await (await flow.api(`/api/conferences/${flow.conferenceId}`)).json()) as {
      invitees: { id: string; name: string }[];
    };
    const teacher = conference.invitees.find((i) => i.name === TEACHER.name)!.id;
    const created = (await (
      await flow.api(base, { method: 'POST', body: JSON.stringify({ kind: 'agency', inviteeId: teacher }) })
    ).json()) as { id: string };
    const submitted = await flow.api(`${base}/${created.id}/submit`, {
      method: 'POST',
      body: JSON.stringify({ content: COMPLETE, submittedBy: TEACHER.name }),
    });
    expect(submitted.status).toBe(200);

    const { to, newEmails } = await chaseAt(flow, '2027-01-04T09:00:00Z');
    expect(to(TEACHER)).toHaveLength(0);
    expect(to(SOCIAL_WORKER)).toHaveLength(1);
    expect(to(HEALTH_VISITOR)).toHaveLength(1);
    expect(newEmails).toHaveLength(1);
    // On the deadline day itself nothing more goes: the last reminder day has been sent.
    const dueDay = await chaseAt(flow, '2027-01-05T12:00:00Z');
    expect(dueDay.cards).toHaveLength(0);
    expect(dueDay.newEmails).toHaveLength(0);
  });

  test('after the deadline the chair hears which reports are late, and the manager is told', async () => {
    const { result, to, cards, newEmails } = await chaseAt(flow, '2027-01-06T08:00:00Z');
    expect(result).toEqual({ reminders: 0, late: 1, managers: 1, readiness: 0 });
    expect(cards).toHaveLength(1);
    const late = to(CHAIR)[0]!;
    expect(cardProblems(late)).toEqual([]);
    expect(text(late)).toContain('3 reports are late for RT-2026-');
    expect(text(late)).toContain(
      'Health visitor (Example Community Health): no report yet; their manager has been told by email.',
    );
    expect(text(late)).toContain('Police officer (Example Police): no report yet.');
    expect(text(late)).toContain('Social work report (Example Children’s Services): no report yet.');
    expect(text(late)).not.toContain('Designated safeguarding lead');
    noFamilyNames(late);
    expect(newEmails).toHaveLength(1);
    expect(newEmails[0]).toContain(`To: ${MANAGER}`);
    expect(newEmails[0]).toMatch(
      /Subject: Late report for RT-2026-\d{4}: Health visitor \(Example Community/,
    );
    for (const name of FAMILY_NAMES) expect(newEmails[0]).not.toMatch(new RegExp(`\\b${name}\\b`));
    expect((await chaseAt(flow, '2027-01-06T09:00:00Z')).cards).toHaveLength(0);
  });

  test('at the reading deadline the chair gets the readiness card asking for a decision', async () => {
    const { result, to } = await chaseAt(flow, '2027-01-06T10:00:00Z');
    expect(result.readiness).toBe(1);
    const card = to(CHAIR)[0]!;
    expect(cardProblems(card)).toEqual([]);
    noFamilyNames(card);
    const t = text(card);
    expect(t).toContain('Readiness for RT-2026-');
    expect(t).toContain('Chair’s reading of all reports due Wed 6 Jan 2027, 10:00');
    expect(t).toContain('Missing (3)');
    expect(t).toContain('Not yet read by you (1)');
    expect(t).toContain(`${TEACHER.name}, Designated safeguarding lead (Example Primary School)`);
    expect(t).toContain('Quorum is at risk. Children’s social care is not represented yet');
    expect(t).toContain('The parents have not had every report');
    expect(t).toContain('"verb":"readiness.goAhead"');
    expect(t).toContain('"verb":"readiness.postpone"');
    expect((await chaseAt(flow, '2027-01-06T11:00:00Z')).cards).toHaveLength(0);
  });

  test('only the chair may decide; anyone else gets an error card and nothing changes', async () => {
    const data = flow.buttonData(flow.cardsFor(CHAIR).at(-1)!, 'readiness.goAhead');
    for (const who of [STRANGER, HEALTH_VISITOR]) {
      const answer = await invoke(who, 'readiness.goAhead', { ...data, reason: 'Let us go ahead' });
      expect(text(answer)).toContain('Only the chair of this conference can make this decision');
    }
    expect((await readingList()).decisions).toHaveLength(0);
  });

  test('a missing reason or an out-of-range date comes back saying what to fix, typed values kept', async () => {
    const data = flow.buttonData(flow.cardsFor(CHAIR).at(-1)!, 'readiness.goAhead');
    const noReason = await invoke(CHAIR, 'readiness.goAhead', { ...data, reason: '  ' });
    expect(cardProblems(noReason)).toEqual([]);
    expect(text(noReason)).toContain('Fill in “Reason”.');

    const reason = 'The mother has not had the <b>school</b> report **yet**';
    const late = { ...data, reason, newDate: '2027-01-14', newTime: '10:00', delayExplanation: '' };
    const tooLate = await invoke(CHAIR, 'readiness.postpone', late);
    expect(cardProblems(tooLate)).toEqual([]);
    expect(text(tooLate)).toContain('later than the statutory timescale');
    expect(text(tooLate)).toContain('Explain the delay.');
    expect(text(tooLate)).toContain(JSON.stringify(reason));
    expect(text(tooLate)).toContain('"value":"2027-01-14"');

    const past = await invoke(CHAIR, 'readiness.postpone', { ...late, newDate: '2027-01-05' });
    expect(text(past)).toContain('The new date must be in the future.');
    const noDate = await invoke(CHAIR, 'readiness.postpone', { ...late, newDate: '' });
    expect(text(noDate)).toContain('Choose the new date to postpone to.');

    expect((await readingList()).decisions).toHaveLength(0);
    expect(await status()).toBe('invitations-sent');
  });

  test('go ahead: the decision is recorded and the card shows it in place of the question', async () => {
    const data = flow.buttonData(flow.cardsFor(CHAIR).at(-1)!, 'readiness.goAhead');
    const reason = 'The social worker read the reports to the parents today <script>x</script>';
    const card = await invoke(CHAIR, 'readiness.goAhead', { ...data, reason });
    expect(cardProblems(card)).toEqual([]);
    const t = text(card);
    expect(t).toContain('Decision recorded: the conference goes ahead');
    expect(t).toContain(`"type":"TextRun","text":${JSON.stringify(reason)}`);
    expect(t).toContain(`Recorded by ${CHAIR.name}`);
    expect(t).not.toContain('"verb":"readiness.goAhead"');
    const { decisions } = await readingList();
    expect(decisions).toEqual([expect.objectContaining({ decision: 'go-ahead', by: CHAIR.name })]);
    expect(await status()).toBe('invitations-sent');
  });

  test('postpone: the conference is postponed and the decision keeps the date and the reason for delay', async () => {
    // The chair changes their mind a few minutes later.
    flow.app.clock.set(new Date('2027-01-06T11:20:00Z'));
    const data = flow.buttonData(flow.cardsFor(CHAIR).at(-1)!, 'readiness.postpone');
    const card = await invoke(CHAIR, 'readiness.postpone', {
      ...data,
      reason: 'The parents need time to read the reports with an interpreter',
      newDate: '2027-01-14',
      newTime: '10:00',
      delayExplanation: 'No earlier interpreter is available',
    });
    expect(cardProblems(card)).toEqual([]);
    expect(text(card)).toContain(
      'Decision recorded: postponed to Thu 14 Jan 2027, 10:00, later than the timescale',
    );
    expect(text(card)).toContain('No earlier interpreter is available');
    const { decisions } = await readingList();
    expect(decisions.at(-1)).toMatchObject({
      decision: 'postpone',
      newStart: '2027-01-14T10:00',
      withinTimescale: false,
      by: CHAIR.name,
    });
    expect(await status()).toBe('postponed');
    // Once postponed, an old card cannot record another decision.
    const again = await invoke(CHAIR, 'readiness.goAhead', { ...data, reason: 'Changed my mind' });
    expect(text(again)).toContain('no longer waiting to be held');
    expect((await readingList()).decisions).toHaveLength(2);
    // A postponed conference is not chased.
    expect((await chaseAt(flow, '2027-01-06T15:00:00Z')).cards).toHaveLength(0);
  });
});

describe('after an outage', () => {
  let flow: Flow;
  beforeAll(async () => {
    flow = await invitationFlow({ scheduledStart: START });
  }, 90_000);
  afterAll(() => flow.close());

  test('only the latest reminder day reached is sent, so nobody gets two at once', async () => {
    const { result, to, newEmails } = await chaseAt(flow, '2027-01-04T13:00:00Z');
    expect(result.reminders).toBe(4);
    for (const who of [SOCIAL_WORKER, HEALTH_VISITOR, TEACHER]) expect(to(who)).toHaveLength(1);
    expect(newEmails).toHaveLength(1);
    expect((await chaseAt(flow, '2027-01-04T14:00:00Z')).cards).toHaveLength(0);
  });
});
