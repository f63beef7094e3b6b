/**
 * The core group after a child protection plan, through the HTTP API and Bot Framework activities as
 * Teams sends them: times offered, members answering on the scheduling card, the time fixed and the
 * calendar event written, progress cards 2 working days before, updates from the card, the meeting
 * marked held and the next one offered, the report, and the escalation ladder.
 */
import { sql } from 'kysely';
import { cardAction } from '../fakes/activities.js';
import type { TeamsUser } from '../fakes/activities.js';
import { cardProblems } from '../helpers/contracts.js';
import { CHAIR, HEALTH_VISITOR, invitationFlow, SOCIAL_WORKER, TEACHER } from '../helpers/invitation-flow.js';
import type { Flow } from '../helpers/invitation-flow.js';
import { devSignIn } from '../helpers/tab-api.js';
import type { TabCaller } from '../helpers/tab-api.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let flow: Flow;
let base: string;
// The developer sign-in lasts hours on the app's clock, which these tests move by weeks: sign in afresh.
const as = (u: TeamsUser): Promise<TabCaller> => devSignIn(flow.app.url, u.aadObjectId);
const actions: Record<'hv' | 'family' | 'teacher', string> = {} as never;

const text = (card: unknown) => JSON.stringify(card);
const invoke = async (who: TeamsUser, verb: string, data: unknown): Promise<Json> =>
  ((await (await flow.post(cardAction(flow.connector.serviceUrl, who, verb, data))).json()) as Json).value;
const post = async (u: TeamsUser, path: string, body: unknown = {}) =>
  fetch(`${flow.app.url}${path}`, {
    method: 'POST',
    headers: { cookie: (await as(u)).cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const cardsWith = (who: TeamsUser, words: string) =>
  flow.cardsFor(who).filter((c) => text(c).includes(words));

beforeAll(async () => {
  flow = await invitationFlow({ now: new Date('2026-11-24T09:00:00Z'), scheduledStart: '2026-11-26T10:00' });
  base = `/api/conferences/${flow.conferenceId}/core-group`;
  // The conference meets on Thu 26 Nov 2026 and decides on a child protection plan.
  flow.app.clock.set(new Date('2026-11-26T11:00:00Z'));
  const go = async (command: object) => {
    const res = await (await as(CHAIR)).command(flow.conferenceId, command);
    if (res.status !== 200) throw new Error(`${JSON.stringify(command)}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as Json).view as Json;
  };
  const plan = [
    ['hv', 'Weigh Wren every two weeks', 'Hana Healthvisitor (fictional)', '2027-01-29'],
    ['family', 'Take Pip to the dentist', 'Mum and Dad', '2026-12-11'],
    ['teacher', 'Check Pip’s attendance each Friday', 'The designated safeguarding lead', '2027-01-29'],
  ] as const;
  let view: Json = {};
  for (const [key, what, who, byWhen] of plan) {
    view = await go({ type: 'plan.add', what, who, byWhen, howWeWillKnow: 'The core group sees the record' });
    actions[key] = view.plan.actions.at(-1).id;
  }
  const idOf = (name: string) => view.people.find((p: Json) => p.name === name).id;
  await go({
    type: 'decision.record',
    outcome: 'child-protection-plan',
    category: 'neglect',
    coreGroupPersonIds: [idOf(HEALTH_VISITOR.name), idOf(TEACHER.name), idOf('PC Pat Police (fictional)')],
    dissent: [],
  });
  flow.connector.requests.length = 0;
}, 120_000);
afterAll(() => flow.close());

describe('arranging the first core group meeting', () => {
  let meeting: Json;

  test('the lead social worker offers times; every member gets the scheduling card, the police officer an email', async () => {
    const res = await post(SOCIAL_WORKER, `${base}/meetings`);
    expect(res.status).toBe(201);
    meeting = (await res.json()) as Json;
    // Within 10 working days of Thu 26 Nov 2026: by Thu 10 Dec.
    expect(meeting).toMatchObject({ number: 1, status: 'proposed', dueOn: '2026-12-10' });
    expect(meeting.offeredSlots[0].label).toBe('Fri 27 Nov 2026, 09:30 to 10:30');
    await flow.app.services.outbox.idle();
    for (const who of [SOCIAL_WORKER, HEALTH_VISITOR, TEACHER]) {
      const [card] = cardsWith(who, 'which times can you come to?');
      expect(cardProblems(card)).toEqual([]);
      expect(text(card)).toContain('Initials PS, WS');
      for (const secret of ['Pip', 'Wren', 'Robin']) expect(text(card)).not.toContain(secret);
    }
    expect(cardsWith(CHAIR, 'which times can you come to?')).toHaveLength(0);
    const mail = flow.emails().find((m) => m.includes('pat.police@example.org') && m.includes('which times'));
    expect(mail).toContain('Fri 27 Nov 2026, 09:30 to 10:30');
    // Only one meeting is arranged at a time.
    expect((await post(SOCIAL_WORKER, `${base}/meetings`)).status).toBe(409);
  });

  test('answers update the card in place; the time is fixed once the lead and half the others can come', async () => {
    const data = { conferenceId: flow.conferenceId, meetingId: meeting.id };
    const empty = await invoke(HEALTH_VISITOR, 'coreGroup.slots.answer', { ...data, 'slot-0': 'false' });
    expect(text(empty)).toContain('Tick the times you can come to');
    // The chair is not a member: the card refuses them, and says so kindly.
    expect(text(await invoke(CHAIR, 'coreGroup.slots.answer', { ...data, 'slot-0': 'true' }))).toContain(
      'NOT_ALLOWED_FOR_ROLE',
    );
    const first = await invoke(HEALTH_VISITOR, 'coreGroup.slots.answer', { ...data, 'slot-1': 'true' });
    expect(cardProblems(first)).toEqual([]);
    expect(text(first)).toContain('Thank you, your answer is saved');
    expect(text(first)).toContain('3 still to answer');
    expect(text(await invoke(TEACHER, 'coreGroup.slots.none', data))).toContain('none of these times suit');
    const fixed = await invoke(SOCIAL_WORKER, 'coreGroup.slots.answer', {
      ...data,
      'slot-1': 'true',
      'slot-2': 'true',
    });
    // The lead and one of three others is not enough yet.
    expect(text(fixed)).not.toContain('The meeting is fixed');
    const again = await invoke(TEACHER, 'coreGroup.slots.answer', { ...data, 'slot-1': 'true' });
    expect(text(again)).toContain('The meeting is fixed for Fri 27 Nov 2026, 10:00 to 11:00');
    expect(text(again)).not.toContain('coreGroup.slots.answer');
    await flow.app.services.outbox.idle();
    const ics = flow.calendarFiles().find((f) => f.includes('Core group meeting 1'));
    expect(ics).toContain('DTSTART;TZID=Europe/London:20261127T100000');
    expect(ics).toContain('hana.hv@example.org');
    const state = (await (await (await as(HEALTH_VISITOR)).get(base)).json()) as Json;
    expect(state.meetings[0]).toMatchObject({ status: 'scheduled', startsAt: '2026-11-27T10:00:00.000Z' });
  });

  test('a member who answered before the time was fixed sees it when they look at their card again', async () => {
    // The card Teams shows the health visitor refreshes to their own view, and only theirs.
    const sent = cardsWith(HEALTH_VISITOR, 'which times can you come to?')[0] as Json;
    expect(sent.refresh).toMatchObject({
      action: {
        verb: 'coreGroup.slots.refresh',
        data: { conferenceId: flow.conferenceId, meetingId: meeting.id },
      },
      userIds: [HEALTH_VISITOR.aadObjectId],
    });
    const data = sent.refresh.action.data;
    const seen = await invoke(HEALTH_VISITOR, 'coreGroup.slots.refresh', data);
    expect(cardProblems(seen)).toEqual([]);
    expect(text(seen)).toContain('The meeting is fixed for Fri 27 Nov 2026, 10:00 to 11:00');
    expect(text(seen)).not.toContain('coreGroup.slots.answer');
    // Looking changes nothing; someone outside the core group is refused.
    const state = (await (await (await as(HEALTH_VISITOR)).get(base)).json()) as Json;
    expect(state.meetings[0]).toMatchObject({ status: 'scheduled', startsAt: '2026-11-27T10:00:00.000Z' });
    expect(text(await invoke(CHAIR, 'coreGroup.slots.refresh', data))).toContain('NOT_ALLOWED_FOR_ROLE');
  });
});

describe('progress updates, the meeting held, the report', () => {
  let meetingId: string;

  test('2 working days before the meeting each owner gets a card with only their own actions', async () => {
    meetingId = ((await (await (await as(SOCIAL_WORKER)).get(base)).json()) as Json).meetings[0].id;
    // Fri 27 Nov less 2 working days is Wed 25 Nov: the cards are due at once.
    const sent = await flow.app.services.chaseCoreGroups();
    expect(sent.progressCards).toBe(3);
    expect((await flow.app.services.chaseCoreGroups()).progressCards).toBe(3); // the same keys: nothing twice
    await flow.app.services.outbox.idle();
    const [hvCard, ...more] = cardsWith(HEALTH_VISITOR, 'how are your actions going?');
    expect(more).toHaveLength(0);
    expect(cardProblems(hvCard)).toEqual([]);
    expect(text(hvCard)).toContain('Weigh Wren every two weeks');
    expect(text(hvCard)).not.toContain('dentist');
    const [leadCard] = cardsWith(SOCIAL_WORKER, 'how are your actions going?');
    expect(text(leadCard)).toContain('Take Pip to the dentist');
    expect(text(leadCard)).toContain('please update it with them');
    expect(text(cardsWith(TEACHER, 'how are your actions going?')[0])).toContain('attendance');
  });

  test('an update from the card is saved; a bad one comes back saying what to fix, nothing lost', async () => {
    const data = { conferenceId: flow.conferenceId, meetingId, actionIds: [actions.hv] };
    const tooLong = await invoke(HEALTH_VISITOR, 'coreGroup.progress.send', {
      ...data,
      'status-0': 'at-risk',
      'comment-0': 'x'.repeat(1001),
    });
    expect(text(tooLong)).toContain('Nothing was saved');
    expect(text(tooLong)).toContain('Keep the comment to 1000 characters or fewer.');
    expect(text(tooLong)).toContain('"value":"at-risk"');
    // A person updates only their own actions.
    const notMine = await invoke(TEACHER, 'coreGroup.progress.send', { ...data, 'status-0': 'done' });
    expect(text(notMine)).toContain('You can update only the actions that are yours.');
    const saved = await invoke(HEALTH_VISITOR, 'coreGroup.progress.send', {
      ...data,
      'status-0': 'at-risk',
      'comment-0': 'Missed one visit **[see](http://x.example)**',
    });
    expect(cardProblems(saved)).toEqual([]);
    expect(text(saved)).toContain('Thank you: your update on 1 action is saved');
    expect(text(saved)).toContain('Last update: At risk');
    expect(text(saved)).toContain('\\\\*\\\\*\\\\[see\\\\]');
    // The lead social worker updates the family's action and may update any.
    const family = await invoke(SOCIAL_WORKER, 'coreGroup.progress.send', {
      conferenceId: flow.conferenceId,
      meetingId,
      actionIds: [actions.family],
      'status-0': 'not-done',
      'comment-0': 'Appointment booked for next month',
    });
    expect(text(family)).toContain('is saved');
  });

  test('from the tab: the lead social worker records an update given by email; an owner only their own', async () => {
    const progress = `${base}/meetings/${meetingId}/progress`;
    // The teacher replied by email; the lead social worker records it. A bad status is named, nothing saved.
    const bad = await post(SOCIAL_WORKER, progress, {
      updates: [
        { actionId: actions.teacher, status: 'on-track', comment: 'Every Friday so far' },
        { actionId: actions.family, status: 'fine' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(
      /updates\.1.*Choose on track, at risk, not done or done/,
    );
    const notMine = await post(TEACHER, progress, { updates: [{ actionId: actions.hv, status: 'done' }] });
    expect(notMine.status).toBe(403);
    expect(JSON.stringify(await notMine.json())).toContain('NOT_ALLOWED_FOR_ROLE');
    const res = await post(SOCIAL_WORKER, progress, {
      updates: [{ actionId: actions.teacher, status: 'on-track', comment: 'Every Friday so far <b>' }],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body.stored).toBe(1);
    const teacher = body.progress.actions.find((a: Json) => a.actionId === actions.teacher);
    expect(teacher.history.map((h: Json) => [h.label, h.comment])).toEqual([
      ['On track', 'Every Friday so far <b>'],
    ]);
    // The teacher's own card shows it when they look again, so they do not send it twice.
    const card = cardsWith(TEACHER, 'how are your actions going?')[0] as Json;
    expect(card.refresh.userIds).toEqual([TEACHER.aadObjectId]);
    const seen = await invoke(TEACHER, card.refresh.action.verb, card.refresh.action.data);
    expect(cardProblems(seen)).toEqual([]);
    expect(text(seen)).toContain('Last update: On track');
    expect(text(seen)).toContain('Every Friday so far \\\\<b\\\\>');
    expect(text(await invoke(CHAIR, card.refresh.action.verb, card.refresh.action.data))).toContain(
      'There are no actions for you to update.',
    );
  });

  test('the meeting is marked held and the next is offered about 6 weeks on', async () => {
    expect((await post(HEALTH_VISITOR, `${base}/meetings/${meetingId}/held`)).status).toBe(403);
    flow.app.clock.set(new Date('2026-11-27T11:30:00Z'));
    const res = await post(SOCIAL_WORKER, `${base}/meetings/${meetingId}/held`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body.held.status).toBe('held');
    // Fri 27 Nov 2026 + 6 weeks is Fri 8 Jan 2027; the first review (3 months) is later.
    expect(body.next).toMatchObject({ number: 2, status: 'proposed', dueOn: '2027-01-08' });
  });

  test('the progress report: all actions for the chair, only their own for a professional, and as text', async () => {
    const all = (await (await (await as(CHAIR)).get(`${base}/report`)).json()) as Json;
    expect(all.totals).toEqual({
      actions: 3,
      onTrack: 1,
      atRisk: 1,
      notDone: 1,
      done: 0,
      noUpdate: 0,
      overdue: 0,
    });
    expect(all.actions.map((a: Json) => a.history.map((h: Json) => h.label))).toEqual([
      ['At risk'],
      ['Not done'],
      ['On track'],
    ]);
    const own = (await (await (await as(HEALTH_VISITOR)).get(`${base}/report`)).json()) as Json;
    expect(own.actions.map((a: Json) => a.what)).toEqual(['Weigh Wren every two weeks']);
    const plain = await (await as(CHAIR)).get(`${base}/report?format=text`);
    expect(plain.headers.get('content-type')).toContain('text/plain');
    expect(await plain.text()).toContain('Meeting 1: Not done (Appointment booked for next month)');
  });
});

describe('escalation', () => {
  test('an overdue action goes to the lead social worker, then 10 working days later to the chair, each once', async () => {
    // The dentist was due by Fri 11 Dec 2026: overdue from Sat 12 Dec, chased on Mon 14 Dec.
    flow.app.clock.set(new Date('2026-12-14T09:00:00Z'));
    expect(await flow.app.services.chaseCoreGroups()).toMatchObject({ escalations: 1 });
    await flow.app.services.outbox.idle();
    const [toLead] = cardsWith(SOCIAL_WORKER, 'Plan actions need attention');
    expect(cardProblems(toLead)).toEqual([]);
    expect(text(toLead)).toContain('Take Pip to the dentist');
    expect(cardsWith(CHAIR, 'The plan is not working')).toHaveLength(0);
    // 10 working days after Sat 12 Dec 2026, with 25 and 28 Dec off, is Tue 29 Dec.
    flow.app.clock.set(new Date('2026-12-29T09:00:00Z'));
    await flow.app.services.chaseCoreGroups();
    await flow.app.services.chaseCoreGroups();
    await flow.app.services.outbox.idle();
    expect(cardsWith(SOCIAL_WORKER, 'Plan actions need attention')).toHaveLength(1);
    const toChair = cardsWith(CHAIR, 'The plan is not working');
    expect(toChair).toHaveLength(1);
    expect(cardProblems(toChair[0])).toEqual([]);
  });

  test('once the plan has ended (the conference closed) nothing more is chased', async () => {
    await sql`update conferences set status = 'closed' where id = ${flow.conferenceId}`.execute(
      flow.app.store.db,
    );
    flow.app.clock.set(new Date('2027-01-06T09:00:00Z'));
    expect(await flow.app.services.chaseCoreGroups()).toEqual({ progressCards: 0, escalations: 0 });
  });
});
