/**
 * A fictional family from the decision to the end of the plan, through the real app on a simulated
 * clock: the decision letter (approved by the chair, sent to everyone but the person withheld, the
 * father without email a task), the absent father told late and the chair told of it, two core groups
 * with progress updates from the card and the escalation of an action not done, the minutes overdue and
 * then approved with each restricted item confirmed (no restricted text in the mother's copy), the
 * review conference requested with its progress report started from the updates, and the plan ended. Every date is checked against the
 * timescales module, every message against whom it was meant for.
 */
import { demoRequest } from '../../bot/demo-data.js';
import { afterDeadlines } from '../../bot/domain/after-conference/timeline.js';
import { parseOutgoingMail, type MailSender, type OutgoingMail } from '../../bot/domain/mail.js';
import { dueFor } from '../../bot/domain/timescales/index.js';
import { cardAction, message, user } from '../fakes/activities.js';
import { startFakeConnector, type FakeConnector } from '../fakes/connector.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { readPdf } from '../helpers/pdf-text.js';
import { DEMO as PLAYGROUND, devSignIn, type TabCaller } from '../helpers/tab-api.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const RESTRICTED = 'Zanzibar-restricted-note (fictional)';
const sent: OutgoingMail[] = [];
const mail: MailSender = {
  send: async (m) => {
    sent.push(parseOutgoingMail(m));
    return { messageId: `m-${sent.length}` };
  },
};

let app: TestApp;
let connector: FakeConnector;
let chair: TabCaller;
let socialWorker: TabCaller;
let conferenceId: string;
let people: Record<string, string>;

/** Moves the simulated clock; the developer sign-in lasts hours, so people sign in again that day. */
const at = async (iso: string) => {
  app.clock.set(new Date(iso));
  chair = await devSignIn(app.url, PLAYGROUND.chair);
  socialWorker = await devSignIn(app.url, PLAYGROUND.socialWorker);
};
const call = async (who: TabCaller, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { cookie: who.cookie, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
};
const command = async (c: object) => {
  const res = await chair.command(conferenceId, c);
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as Json;
};
const TEACHER = { ...user(4, 'Theo Teacher (fictional)'), aadObjectId: PLAYGROUND.teacher };
/** Presses a card button as Teams would, and returns the card that comes back. */
const invoke = async (who: typeof TEACHER, verb: string, data: unknown) => {
  const res = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(cardAction(connector.serviceUrl, who, verb, data)),
  });
  return ((await res.json()) as Json).value as Json;
};
const flush = () => app.services.outbox.idle().then(() => app.services.outbox.dispatchDue());
const mailsTo = (email: string) => sent.filter((m) => m.to.some((t) => t.email === email));
const cardsTo = (aad: string) =>
  connector.requests.filter(
    (r) =>
      JSON.stringify(r.body).includes('AdaptiveCard') &&
      r.path.includes('/v3/conversations/') &&
      JSON.stringify(r).includes(aad),
  );
const pdfText = async (content: Buffer | string) => (await readPdf(content as Buffer)).text;

beforeAll(async () => {
  connector = await startFakeConnector();
  app = await startTestApp({}, { now: new Date('2026-11-23T09:00:00Z'), mail });
  // The chair and the social worker have Roundtable in Teams: their chats are known.
  for (const [id, name] of [
    [PLAYGROUND.chair, 'Casey Chair (fictional)'],
    [PLAYGROUND.socialWorker, 'Sam Socialworker (fictional)'],
    [PLAYGROUND.teacher, 'Theo Teacher (fictional)'],
  ] as const) {
    const u = { ...user(1, name), aadObjectId: id };
    await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message(connector.serviceUrl, u, 'help')),
    });
  }
  const request = demoRequest('2026-11-23', '2026-12-07T10:00');
  request.familyMembers = [
    ...(request.familyMembers ?? []),
    {
      key: 'jordan',
      firstName: 'Jordan',
      lastName: 'Sample',
      relationship: 'step-parent',
      parentalResponsibility: false,
      email: 'jordan.sample@example.org',
    },
  ];
  const created = await fetch(`${app.url}/api/conferences`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  conferenceId = ((await created.json()) as Json).id;
  // Scheduled and invited as any conference is (invitation letters go to the outbox like the rest).
  const post = (path: string, body: unknown) =>
    fetch(`${app.url}/api/conferences/${conferenceId}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await post('schedule', { scheduledStart: '2026-12-07T10:00' })).status).toBe(200);
  expect((await post('invitations', {})).status).toBe(202);
  await app.services.outbox.idle();
  chair = await devSignIn(app.url, PLAYGROUND.chair);
  socialWorker = await devSignIn(app.url, PLAYGROUND.socialWorker);
  const view = (await (await chair.get(`/api/conferences/${conferenceId}/record?view=chair`)).json()) as Json;
  people = Object.fromEntries((view.people as Json[]).map((p) => [p.name, p.id]));
}, 120_000);
afterAll(async () => {
  await app.close();
  await connector.close();
});

test('from the decision to the end of the plan, each step on time or visibly late, each message to the right people', async () => {
  const mother = people['Robin Sample']!;
  const father = people['Kit Sample']!;
  const stepParent = people['Jordan Sample']!;

  // The conference, Mon 7 Dec 2026 at 10:00. The mother comes; the father does not.
  await at('2026-12-07T10:05:00Z');
  await command({ type: 'attendance.set', personId: mother, present: true });
  const worry = await command({
    type: 'grid.add',
    column: 'worries',
    text: 'Pip often misses breakfast (fictional)',
  });
  const worryId = (worry.view.grid as Json[]).find((g) => g.text.startsWith('Pip often'))!.id;
  await command({ type: 'grid.agree', itemId: worryId, agreed: true });
  await command({
    type: 'restricted.start',
    reason: 'Third-party information (fictional)',
    excludedPersonIds: [mother],
  });
  await command({ type: 'grid.add', column: 'worries', text: RESTRICTED });
  await command({ type: 'restricted.end' });
  const planned = await command({
    type: 'plan.add',
    what: 'Breakfast club place for Pip (fictional)',
    who: 'Theo Teacher (fictional)',
    byWhen: '2026-12-18',
    howWeWillKnow: 'Pip attends breakfast club four days a week',
    worryItemId: worryId,
  });
  const actionId = (planned.view.plan.actions as Json[])[0]!.id as string;
  await command({
    type: 'plan.contingency',
    text: 'If Pip misses breakfast club for a week, the core group meets (fictional).',
  });
  await at('2026-12-07T12:30:00Z');
  await command({
    type: 'decision.record',
    outcome: 'child-protection-plan',
    category: 'neglect',
    coreGroupPersonIds: [mother, father],
    dissent: [],
  });

  // Every date after the conference is the timescales module's.
  const overview = await call(chair, 'GET', `/api/conferences/${conferenceId}/after`);
  const expected = afterDeadlines(
    { kind: 'initial', strategyDiscussionDate: '2026-11-23', scheduledStart: '2026-12-07T10:00' },
    { recordedAt: '2026-12-07T12:30:00.000Z' },
    app.services.after.timescales.calendar,
    app.services.after.timescales.settings,
  );
  const due = (key: string) => (overview.body.deadlines as Json[]).find((d) => d.key === key)?.due;
  for (const key of [
    'decision-letter',
    'absent-parents-told',
    'first-core-group',
    'minutes',
    'first-review',
  ] as const)
    expect(due(key)).toBe(dueFor(expected, key)?.due);
  expect(due('decision-letter')).toBe('2026-12-08');
  expect(due('absent-parents-told')).toBe('2026-12-08T10:00:00+00:00');

  // The chair reads the letter and approves it the same afternoon; the step-parent is withheld.
  const preview = await call(chair, 'GET', `/api/conferences/${conferenceId}/letter`);
  expect(preview.status).toBe(200);
  expect(preview.body.text).toContain('Pip often misses breakfast');
  expect(preview.body.text).not.toContain(RESTRICTED);
  expect((preview.body.absentParents as Json[]).map((p) => p.personId)).toEqual([father]);
  await at('2026-12-07T15:00:00Z');
  const noReason = await call(chair, 'POST', `/api/conferences/${conferenceId}/letter/approve`, {
    withheld: [{ personId: stepParent, reason: '' }],
  });
  expect(noReason.status).toBe(400);
  expect(await app.services.after.after.letter(conferenceId)).toBeUndefined();
  const approved = await call(chair, 'POST', `/api/conferences/${conferenceId}/letter/approve`, {
    withheld: [{ personId: stepParent, reason: 'Agreed at conference: risk to the mother (fictional)' }],
  });
  expect(approved.status).toBe(201);
  expect((await call(chair, 'POST', `/api/conferences/${conferenceId}/letter/approve`, {})).status).toBe(409);
  await flush();

  const letters = sent.filter((m) => m.subject === preview.body.subject);
  const addressed = letters.flatMap((m) => m.to.map((t) => t.email)).sort();
  expect(addressed).toEqual(
    [
      'casey.chair@example.org',
      'morgan.minutes@example.org',
      'sam.socialworker@example.org',
      'hana.hv@example.org',
      'theo.teacher@example.org',
      'pat.police@example.org',
      'gale.gp@example.org',
      'robin.sample@example.org',
    ].sort(),
  );
  expect(mailsTo('jordan.sample@example.org')).toEqual([]);
  for (const letter of letters) {
    expect(letter.html + letter.text).not.toContain(RESTRICTED);
    const pdf = letter.attachments?.find((a) => a.contentType === 'application/pdf');
    expect(pdf).toBeDefined();
    expect(await pdfText(pdf!.content)).toContain('Breakfast club place for Pip');
  }
  const afterLetter = (await call(chair, 'GET', `/api/conferences/${conferenceId}`)).body;
  expect(afterLetter.status).toBe('outcome-sent');

  // The father has no email and was not there: two tasks for the social worker, as a card in Teams.
  const tasks = (await call(socialWorker, 'GET', `/api/conferences/${conferenceId}/after`)).body
    .tasks as Json[];
  expect(tasks.map((t) => [t.kind, t.personId, t.dueAt]).sort()).toEqual(
    [
      ['deliver-letter', father, '2026-12-08T23:59:59.999Z'],
      ['tell-absent-parent', father, '2026-12-08T10:00:00.000Z'],
    ].sort(),
  );
  const swCards = cardsTo(PLAYGROUND.socialWorker);
  expect(swCards.length).toBeGreaterThanOrEqual(2);
  expect(JSON.stringify(swCards)).toContain('the child’s father');
  // Chat cards name no family member.
  for (const name of ['Kit Sample', 'Robin Sample', 'Jordan Sample', 'Pip', RESTRICTED])
    expect(JSON.stringify(connector.requests)).not.toContain(name);

  // Tue 8 Dec, 11:00: the father has not been told. The hourly chase tells the chair, once.
  await at('2026-12-08T11:00:00Z');
  const chairCardsBefore = cardsTo(PLAYGROUND.chair).length;
  expect(await app.services.chaseAfterConference()).toEqual({ tasksEscalated: 1, minutesOverdue: 0 });
  await flush();
  const overdue = cardsTo(PLAYGROUND.chair).slice(chairCardsBefore);
  expect(overdue).toHaveLength(1);
  expect(JSON.stringify(overdue[0])).toContain('Overdue for');
  expect(await app.services.chaseAfterConference()).toEqual({ tasksEscalated: 0, minutesOverdue: 0 });

  // The social worker tells him and delivers the letter.
  for (const t of tasks) {
    const done = await call(socialWorker, 'POST', `/api/conferences/${conferenceId}/tasks/${t.id}/done`, {
      note: 'Visited at home (fictional)',
    });
    expect(done.status).toBe(200);
  }

  // The first core group, within 10 working days of the conference (by Mon 21 Dec): fixed for Tue 15 Dec.
  expect(due('first-core-group')).toBe('2026-12-21');
  const coreGroup = `/api/conferences/${conferenceId}/core-group`;
  const first = await call(socialWorker, 'POST', `${coreGroup}/meetings`);
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({ number: 1, dueOn: '2026-12-21' });
  const firstMeeting = first.body.id as string;
  const fix = (meetingId: string, start: string) =>
    call(socialWorker, 'POST', `${coreGroup}/meetings/${meetingId}/schedule`, { start });
  expect((await fix(firstMeeting, '2026-12-15T10:00:00+00:00')).status).toBe(200);
  // 2 working days before, the teacher gets a progress card for their action and answers on it.
  await at('2026-12-11T09:00:00Z');
  expect((await app.services.chaseCoreGroups()).progressCards).toBeGreaterThanOrEqual(1);
  await flush();
  expect(JSON.stringify(cardsTo(PLAYGROUND.teacher))).toContain('Breakfast club place for Pip');
  const progress = async (meetingId: string, status: string, comment: string) =>
    JSON.stringify(
      await invoke(TEACHER, 'coreGroup.progress.send', {
        conferenceId,
        meetingId,
        actionIds: [actionId],
        'status-0': status,
        'comment-0': comment,
      }),
    );
  expect(await progress(firstMeeting, 'not-done', 'No place until January (fictional)')).toContain(
    'is saved',
  );
  // The meeting is held; the next is due about 6 weeks later, before the review.
  await at('2026-12-15T11:30:00Z');
  const held = await call(socialWorker, 'POST', `${coreGroup}/meetings/${firstMeeting}/held`);
  expect(held.status).toBe(200);
  expect(held.body.next).toMatchObject({ number: 2, dueOn: '2027-01-26' });
  const secondMeeting = held.body.next.id as string;

  // The minutes are due within 15 working days (Christmas and Boxing Day are not working days).
  const minutesDue = dueFor(expected, 'minutes')!;
  expect(minutesDue.due).toBe('2026-12-30');
  await at('2026-12-31T09:00:00Z');
  expect(await app.services.chaseAfterConference()).toEqual({ tasksEscalated: 0, minutesOverdue: 1 });
  await flush();
  expect(JSON.stringify(cardsTo(PLAYGROUND.chair).at(-1))).toContain('is overdue');

  // The chair must confirm each restricted item before the minutes go.
  const draft = await call(chair, 'GET', `/api/conferences/${conferenceId}/minutes`);
  expect(draft.body.text).toContain(RESTRICTED); // the full record holds it
  const items = draft.body.restrictedItems as Json[];
  expect(items.map((i) => i.text)).toEqual([expect.stringContaining(RESTRICTED)]);
  const unconfirmed = await call(chair, 'POST', `/api/conferences/${conferenceId}/minutes/approve`, {});
  expect(unconfirmed.status).toBe(422);
  expect(unconfirmed.body.error.code).toBe('RESTRICTED_NOT_CONFIRMED');
  const minutesOk = await call(chair, 'POST', `/api/conferences/${conferenceId}/minutes/approve`, {
    confirmedItemIds: items.map((i) => i.id),
  });
  expect(minutesOk.status).toBe(201);
  await flush();
  const minutes = sent.filter((m) => m.subject.startsWith('Record of the child protection conference'));
  expect(minutes.map((m) => m.to[0]!.email).sort()).toEqual(addressed);
  for (const m of minutes) {
    const pdf = await pdfText(m.attachments![0]!.content);
    const holdsRestricted = (m.html + m.text + pdf).includes('Zanzibar');
    // The mother was excluded from the restricted part: her copy never holds it; a professional's does.
    expect(holdsRestricted).toBe(m.to[0]!.email !== 'robin.sample@example.org');
  }
  expect((await call(chair, 'GET', `/api/conferences/${conferenceId}`)).body.status).toBe('minutes-approved');

  // The second core group, Tue 19 Jan 2027. The action is still not done, and long past its date
  // (Fri 18 Dec): the lead social worker is told, and 10 working days on the chair (seed 003 §2.11).
  expect((await fix(secondMeeting, '2027-01-19T10:00:00+00:00')).status).toBe(200);
  await at('2027-01-15T09:00:00Z');
  expect((await app.services.chaseCoreGroups()).escalations).toBe(2);
  await flush();
  expect(JSON.stringify(cardsTo(PLAYGROUND.socialWorker))).toContain('Plan actions need attention');
  expect(JSON.stringify(cardsTo(PLAYGROUND.chair))).toContain('The plan is not working');
  expect(await progress(secondMeeting, 'not-done', 'Waiting list again (fictional)')).toContain('is saved');
  await at('2027-01-19T11:30:00Z');
  expect((await call(socialWorker, 'POST', `${coreGroup}/meetings/${secondMeeting}/held`)).status).toBe(200);

  // The review conference: requested from the plan's conference, due within 3 months of it; its main
  // report starts from the core group's updates.
  await at('2027-01-20T09:00:00Z');
  const review = await call(chair, 'POST', `/api/conferences/${conferenceId}/review`);
  expect(review.status).toBe(201);
  expect(review.body.progressReportId).toEqual(expect.any(String));
  const progressReport = await call(
    chair,
    'GET',
    `/api/conferences/${review.body.id}/reports/${review.body.progressReportId}`,
  );
  expect(progressReport.status).toBe(200);
  const progressText = JSON.stringify(progressReport.body);
  expect(progressText).toContain('Breakfast club place for Pip');
  expect(progressText).toContain('Meeting 1: Not done (No place until January (fictional))');
  expect(progressText).toContain('Meeting 2: Not done (Waiting list again (fictional))');
  const reviewConference = (await call(chair, 'GET', `/api/conferences/${review.body.id}`)).body;
  expect(reviewConference.kind).toBe('review');
  expect(reviewConference.previousConferenceDate).toBe('2026-12-07');
  expect(reviewConference.familyMembers).toHaveLength(3);
  expect(due('first-review')).toBe('2027-03-05');

  // The family moves to another authority in February: the plan ends without a review.
  await at('2027-02-10T10:00:00Z');
  const before = sent.length;
  const ended = await call(chair, 'POST', `/api/conferences/${conferenceId}/plan-end`, {
    reason: 'moved-to-another-authority',
    endedOn: '2027-02-10',
  });
  expect(ended.status).toBe(201);
  expect(ended.body.plan.status).toBe('ended');
  await flush();
  const told = sent.slice(before);
  expect(told.map((m) => m.to[0]!.email).sort()).toEqual(addressed);
  expect(told[0]!.text).toContain('moved to another local authority');
  expect((await call(chair, 'GET', `/api/conferences/${conferenceId}`)).body.status).toBe('closed');
  await at('2027-02-24T09:00:00Z');
  expect(await app.services.chaseCoreGroups()).toEqual({ progressCards: 0, escalations: 0 });
  const caseSystem = (await (await fetch(`${app.url}/api/case-system/messages`)).json()) as Json;
  expect((caseSystem.messages as Json[]).map((m) => [m.event, m.endReason ?? null])).toEqual([
    ['plan-started', null],
    ['plan-ended', 'moved-to-another-authority'],
  ]);

  // Across the whole journey, nothing reached the withheld step-parent, and the logs name nobody.
  expect(mailsTo('jordan.sample@example.org')).toEqual([]);
  const logs = app.logs();
  for (const secret of [
    'Robin',
    'Kit Sample',
    'Jordan',
    'Pip',
    'Zanzibar',
    'robin.sample@',
    'Visited at home',
  ])
    expect(logs).not.toContain(secret);

  // The oversight figures count this conference's letter as on time and its minutes as late.
  const figures = (await call(chair, 'GET', '/api/oversight?from=2026-12-01&to=2026-12-31')).body
    .figures as Json[];
  const figure = (key: string) => figures.find((f) => f.key === key)!;
  expect(figure('letters-on-time')).toMatchObject({ met: 1, total: 1 });
  expect(figure('minutes-on-time')).toMatchObject({ met: 0, total: 1 });
  expect(figure('minutes-on-time').conferences[0].conferenceId).toBe(conferenceId);
  // The first core group met on Tue 15 Dec, within its 10 working days.
  expect(figure('first-core-group-on-time')).toMatchObject({ met: 1, total: 1 });
}, 120_000);
