import type { PlanAction } from '../../bot/domain/conference-record/state.js';
import {
  actionOwners,
  chooseSlot,
  compileProgressReport,
  escalations,
  matchOwner,
  nextMeetingDue,
  progressReportText,
  tallySlots,
} from '../../bot/domain/core-group/index.js';
import type { CoreGroupMeeting, ProgressUpdate, SlotAnswer } from '../../bot/domain/core-group/index.js';
import { recordPeople } from '../../bot/domain/conference-record/views.js';
import {
  chairEscalationDue,
  coreGroupProgressCardsDue,
  DEFAULT_TIMESCALE_SETTINGS,
  englandAndWalesCalendar,
} from '../../bot/domain/timescales/index.js';
import { buildConference, FIXTURE_INVITEES } from '../fakes/fixtures.js';

// Dates checked by hand on a printed calendar: Good Friday is 3 Apr 2026 and Easter Monday 6 Apr,
// the early May bank holiday 4 May 2026.
const cal = englandAndWalesCalendar();
const settings = DEFAULT_TIMESCALE_SETTINGS;

const action = (id: string, who: string, byWhen: string): PlanAction => ({
  id,
  what: `Action ${id} (fictional)`,
  who,
  byWhen,
  howWeWillKnow: 'The core group sees it happen',
  restricted: false,
});

const meeting = (n: number, status: CoreGroupMeeting['status'], startsAt?: string): CoreGroupMeeting => ({
  id: `m${n}`,
  conferenceId: 'c',
  number: n,
  status,
  startsAt,
  durationMinutes: 60,
  dueOn: '2026-12-31',
  offeredSlots: [],
  answers: [],
});

let seq = 0;
const update = (
  actionId: string,
  meetingId: string,
  status: ProgressUpdate['status'],
  at: string,
  comment = '',
): ProgressUpdate => ({
  id: `u${(seq += 1)}`,
  conferenceId: 'c',
  meetingId,
  actionId,
  status,
  comment,
  byPerson: 'lead-social-worker',
  at,
});

describe('fixing a core group time', () => {
  const slots = [
    {
      start: '2026-03-10T10:00:00+00:00',
      end: '2026-03-10T11:00:00+00:00',
      label: 'Tue 10 Mar 2026, 10:00 to 11:00',
    },
    {
      start: '2026-03-11T14:00:00+00:00',
      end: '2026-03-11T15:00:00+00:00',
      label: 'Wed 11 Mar 2026, 14:00 to 15:00',
    },
  ];
  const [s1, s2] = slots.map((s) => s.start) as [string, string];
  const members = [
    { id: 'lead-social-worker', required: true },
    { id: 'a', required: false },
    { id: 'b', required: false },
    { id: 'c', required: false },
    { id: 'd', required: false },
  ];
  const say = (personId: string, ...canCome: string[]): SlotAnswer => ({
    personId,
    canCome,
    at: '2026-03-06T09:00:00Z',
  });

  test('half the others can come but the lead social worker has not said yes: still waiting', () => {
    expect(chooseSlot(slots, [say('a', s1), say('b', s1)], members)).toEqual({
      kind: 'waiting',
      answered: 2,
      asked: 5,
    });
  });

  test('the lead social worker and half of the others: that time is fixed', () => {
    const choice = chooseSlot(
      slots,
      [say('a', s1), say('b', s1, s2), say('lead-social-worker', s1, s2)],
      members,
    );
    expect(choice).toEqual({ kind: 'chosen', slot: slots[0], accepted: ['a', 'b', 'lead-social-worker'] });
  });

  test('two times qualify: the one more people can come to wins, even if later', () => {
    const answers = [say('lead-social-worker', s1, s2), say('a', s1, s2), say('b', s2), say('c', s1, s2)];
    expect(tallySlots(slots, answers, members).map((t) => [t.accepted.length, t.enough])).toEqual([
      [3, true],
      [4, true],
    ]);
    expect(chooseSlot(slots, answers, members)).toMatchObject({ kind: 'chosen', slot: slots[1] });
  });

  test('answers from people outside the core group are not counted', () => {
    const answers = [say('lead-social-worker', s1), say('stranger', s1), say('x', s1)];
    expect(chooseSlot(slots, answers, members)).toMatchObject({ kind: 'waiting', answered: 1 });
  });

  test('everyone answered and no time has enough people: new times are needed', () => {
    const answers = [say('lead-social-worker', s1), say('a', s2), say('b', s2), say('c'), say('d')];
    expect(chooseSlot(slots, answers, members)).toEqual({ kind: 'none-suits' });
  });

  test('the next meeting is due about 6 weeks on, but never after the review conference', () => {
    // 12 Mar 2026 + 6 weeks = Thu 23 Apr 2026.
    expect(nextMeetingDue('2026-03-12', undefined, cal, settings)).toMatchObject({
      key: 'next-core-group',
      due: '2026-04-23',
    });
    const capped = nextMeetingDue('2026-05-07', '2026-06-05', cal, settings);
    expect(capped.due).toBe('2026-06-05');
    expect(capped.rule).toContain('no later than the review conference');
  });

  test('progress cards go 2 working days before the meeting, skipping Easter', () => {
    // Tue 7 Apr 2026 less 2 working days: Mon 6 and Fri 3 Apr are bank holidays, so Wed 1 Apr.
    expect(coreGroupProgressCardsDue('2026-04-07', cal).due).toBe('2026-04-01');
  });
});

describe('the core group progress report', () => {
  const actions = [action('a1', 'Asha Patel', '2026-04-30'), action('a2', 'Mum and Dad', '2026-03-31')];
  const meetings = [
    meeting(1, 'held', '2026-03-12T10:00:00+00:00'),
    meeting(2, 'scheduled', '2026-04-23T10:00:00+01:00'),
  ];

  test('latest status, history per meeting, overdue and totals, in plain English', () => {
    const updates = [
      update('a1', 'm1', 'at-risk', '2026-03-10T09:00:00Z', 'Appointment moved'),
      update('a1', 'm1', 'on-track', '2026-03-11T09:00:00Z', 'New date booked'),
      update('a1', 'm2', 'done', '2026-04-21T09:00:00Z'),
      update('a2', 'm1', 'not-done', '2026-03-11T10:00:00Z'),
    ];
    const report = compileProgressReport({ actions }, updates, meetings, '2026-04-22');
    expect(report.actions[0]).toMatchObject({
      latest: { status: 'done', label: 'Done' },
      history: [
        { meetingNumber: 1, label: 'On track', comment: 'New date booked' },
        { meetingNumber: 2, label: 'Done' },
      ],
      overdue: false,
    });
    expect(report.actions[1]).toMatchObject({
      latest: { label: 'Not done' },
      overdue: true,
      summary: 'Not done; to be done by Tue 31 Mar 2026, now overdue.',
    });
    expect(report.totals).toEqual({
      actions: 2,
      onTrack: 0,
      atRisk: 0,
      notDone: 1,
      done: 1,
      noUpdate: 0,
      overdue: 1,
    });
    expect(report.headline).toBe('1 of 2 actions are done; 1 overdue. The core group has met once.');
    expect(report.meetings[0]).toMatchObject({ number: 1, dayLabel: 'Thu 12 Mar 2026' });
    const text = progressReportText(report);
    expect(text).toContain('Meeting 1: On track (New date booked)');
    expect(text).toContain(
      'Totals: 2 actions; 1 done, 0 on track, 0 at risk, 1 not done, 0 with no update; 1 overdue.',
    );
  });

  test('an action with no update is counted as such and is not overdue before its date', () => {
    const report = compileProgressReport({ actions }, [], meetings, '2026-03-31');
    expect(report.totals).toMatchObject({ noUpdate: 2, overdue: 0 });
    expect(report.actions[1]?.summary).toBe('No update yet; to be done by Tue 31 Mar 2026.');
  });
});

describe('escalation ladder', () => {
  const meetings = [
    meeting(1, 'held', '2026-03-12T10:00:00+00:00'),
    meeting(2, 'held', '2026-04-23T10:00:00+01:00'),
    meeting(3, 'scheduled', '2026-06-04T10:00:00+01:00'),
  ];
  const on = (today: string, actions: PlanAction[], updates: ProgressUpdate[], ms = meetings) =>
    escalations({ actions, updates, meetings: ms, today, calendar: cal }).map((e) => [
      e.actionId,
      e.level,
      e.reason,
      e.since,
    ]);

  test('overdue: to the lead social worker the day after its date, to the chair 10 working days later', () => {
    const overdue = [action('x', 'Asha Patel', '2026-03-20')];
    const updates = [update('x', 'm1', 'on-track', '2026-03-11T09:00:00Z')];
    const noMeetings = meetings.slice(0, 1);
    expect(on('2026-03-20', overdue, updates, noMeetings)).toEqual([]);
    expect(on('2026-03-21', overdue, updates, noMeetings)).toEqual([
      ['x', 'lead-social-worker', 'overdue', '2026-03-21'],
    ]);
    // From timescales: 10 working days after Sat 21 Mar, with Good Friday and Easter Monday off, is Tue 7 Apr.
    expect(chairEscalationDue('2026-03-21', cal).due).toBe('2026-04-07');
    expect(on('2026-04-06', overdue, updates, noMeetings)[0]?.[1]).toBe('lead-social-worker');
    expect(on('2026-04-07', overdue, updates, noMeetings)[0]?.[1]).toBe('chair');
  });

  test('not done at two meetings running: to the lead social worker, then the chair', () => {
    const late = [action('y', 'Ben Okafor', '2026-09-01')];
    const updates = [
      update('y', 'm1', 'not-done', '2026-03-11T09:00:00Z'),
      update('y', 'm2', 'not-done', '2026-04-22T09:00:00Z'),
    ];
    expect(on('2026-04-22', late, updates)).toEqual([]);
    expect(on('2026-04-23', late, updates)).toEqual([
      ['y', 'lead-social-worker', 'not-done-twice', '2026-04-23'],
    ]);
    // 10 working days after Thu 23 Apr 2026, with the May bank holiday off, is Fri 8 May.
    expect(on('2026-05-07', late, updates)[0]?.[1]).toBe('lead-social-worker');
    expect(on('2026-05-08', late, updates)[0]?.[1]).toBe('chair');
  });

  test('still not done at the next meeting goes to the chair at once', () => {
    const late = [action('z', 'Ben Okafor', '2026-09-01')];
    const ms = [...meetings.slice(0, 2), meeting(3, 'held', '2026-04-30T10:00:00+01:00')];
    const updates = [
      update('z', 'm1', 'not-done', '2026-03-11T09:00:00Z'),
      update('z', 'm2', 'not-done', '2026-04-22T09:00:00Z'),
      update('z', 'm3', 'at-risk', '2026-04-29T09:00:00Z'),
    ];
    expect(on('2026-04-30', late, updates, ms)[0]?.[1]).toBe('chair');
  });

  test('an action recorded done is never escalated, even past its date', () => {
    const done = [action('d', 'Asha Patel', '2026-03-20')];
    expect(on('2026-05-20', done, [update('d', 'm2', 'done', '2026-04-22T09:00:00Z')])).toEqual([]);
  });

  test('not done, then on track, then not done is not two meetings running', () => {
    const ms = [...meetings.slice(0, 2), meeting(3, 'held', '2026-06-04T10:00:00+01:00')];
    const updates = [
      update('w', 'm1', 'not-done', '2026-03-11T09:00:00Z'),
      update('w', 'm2', 'on-track', '2026-04-22T09:00:00Z'),
      update('w', 'm3', 'not-done', '2026-06-03T09:00:00Z'),
    ];
    expect(on('2026-06-05', [action('w', 'Ben Okafor', '2026-09-01')], updates, ms)).toEqual([]);
  });
});

describe('who is asked to update each action', () => {
  const conference = buildConference();
  const people = recordPeople(conference);
  const roles = new Map(conference.invitees.map((i) => [i.id, i.role]));
  const [lead, asha, ben, , eli] = FIXTURE_INVITEES.map((i) => i.id);

  test.each([
    ['Asha Patel', asha],
    ['asha patel (Health visitor)', asha],
    ['The health visitor', asha],
    ['Designated safeguarding lead', ben],
    ['GP', eli],
    ['Social worker', lead],
    ['The chair', 'chair'],
    ['Mum and Dad', undefined],
    ['Asha Patel and Ben Okafor', undefined],
    ['Someone from housing', undefined],
  ])('“%s”', (who, expected) => {
    expect(matchOwner(who, people, roles)?.id).toBe(expected);
  });

  test('family and unmatched actions go to the lead social worker, to update with the family', () => {
    const actions = [
      action('1', 'Asha Patel', '2026-04-01'),
      action('2', 'Mum and Dad', '2026-04-01'),
      action('3', 'Robin Sample', '2026-04-01'),
      action('4', 'social worker', '2026-04-01'),
    ];
    const owners = actionOwners(conference, actions);
    expect(owners.map((o) => [o.person.id, o.actions.map((a) => a.id), o.withFamily])).toEqual([
      [lead, ['2', '3', '4'], ['2', '3']],
      [asha, ['1'], []],
    ]);
  });

  test('an action written in a restricted part never goes to someone excluded from it, nor to the family', () => {
    const part = { id: 'part-1', excludedPersonIds: [asha!] };
    const hidden = { ...action('5', 'Asha Patel', '2026-04-01'), restricted: true, partId: 'part-1' };
    const owners = actionOwners(conference, [hidden, action('6', 'Asha Patel', '2026-04-01')], [part]);
    expect(owners.map((o) => [o.person.id, o.actions.map((a) => a.id), o.withFamily])).toEqual([
      [lead, ['5'], []],
      [asha, ['6'], []],
    ]);
    // Someone not excluded from the part still gets it.
    expect(actionOwners(conference, [hidden], [{ id: 'part-1', excludedPersonIds: [] }])[0]?.person.id).toBe(
      asha,
    );
  });
});
