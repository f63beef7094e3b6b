/**
 * The pure rules after the conference: who receives the letter and how, which parents must be told,
 * the dates (all from the timescales module) and the review conference's request.
 */
import { absentParents, recipientPlan } from '../../bot/domain/after-conference/recipients.js';
import { reviewRequest } from '../../bot/domain/after-conference/review.js';
import { afterDeadlines, dueInstant, heldOn } from '../../bot/domain/after-conference/timeline.js';
import { ConferenceRequestInput } from '../../bot/domain/conference.js';
import { emptyRecord, type RecordState } from '../../bot/domain/conference-record/index.js';
import {
  DEFAULT_TIMESCALE_SETTINGS,
  englandAndWalesCalendar,
  computeDeadlines,
  dueFor,
} from '../../bot/domain/timescales/index.js';
import { buildConference } from '../fakes/fixtures.js';

const calendar = englandAndWalesCalendar();
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const conference = buildConference({
  familyMembers: [
    {
      id: uuid(401),
      firstName: 'Robin',
      lastName: 'Sample',
      relationship: 'mother',
      parentalResponsibility: true,
      email: 'robin.sample@family.example.org',
      communicationNeeds: { britishSignLanguage: false, makaton: false },
      mayNotAttendWith: [uuid(402)],
    },
    {
      id: uuid(402),
      firstName: 'Jo',
      lastName: 'Sample',
      relationship: 'father',
      parentalResponsibility: true,
      communicationNeeds: { britishSignLanguage: false, makaton: false },
      mayNotAttendWith: [uuid(401)],
    },
    {
      id: uuid(403),
      firstName: 'Nan',
      lastName: 'Sample',
      relationship: 'grandparent',
      parentalResponsibility: false,
      communicationNeeds: { britishSignLanguage: false, makaton: false },
      mayNotAttendWith: [],
    },
  ],
});

const decided = (at: string, attendance: RecordState['attendance'] = {}): RecordState => ({
  ...emptyRecord(),
  attendance,
  decision: {
    outcome: 'child-protection-plan',
    category: 'neglect',
    coreGroupPersonIds: [],
    dissent: [],
    recordedAt: at,
  },
});

describe('who receives the decision letter', () => {
  test('everyone with an address by email, family without one by hand, the withheld with their reason', () => {
    const plan = recipientPlan(conference, [
      { personId: uuid(403), reason: 'Agreed at conference (fictional)' },
    ]);
    const emailed = plan.byEmail.map((r) => r.personId);
    // The lead social worker is also an invitee in the fixture: one letter, not two.
    expect(emailed).toEqual(
      expect.arrayContaining(['chair', uuid(401), ...conference.invitees.map((i) => i.id)]),
    );
    expect(new Set(plan.byEmail.map((r) => r.email?.toLowerCase())).size).toBe(plan.byEmail.length);
    expect(plan.byHand.map((r) => r.personId)).toEqual([uuid(402)]);
    expect(plan.withheld).toEqual([
      expect.objectContaining({ personId: uuid(403), reason: 'Agreed at conference (fictional)' }),
    ]);
    expect(emailed).not.toContain(uuid(403));
  });

  test('a withheld person gets nothing, even if they have an address', () => {
    const plan = recipientPlan(conference, [
      { personId: uuid(401), reason: 'Risk to the child (fictional)' },
    ]);
    expect([...plan.byEmail, ...plan.byHand].map((r) => r.personId)).not.toContain(uuid(401));
  });

  test('parents with parental responsibility who never arrived must be told; a grandparent is not a parent', () => {
    const record = decided('2026-03-05T12:00:00Z', {
      [uuid(401)]: { present: false, arrivedAt: '2026-03-05T10:00:00Z', leftAt: '2026-03-05T11:00:00Z' },
    });
    // The mother came (and left early): she heard the conference. The father never arrived.
    expect(absentParents(conference, record).map((p) => p.personId)).toEqual([uuid(402)]);
  });
});

describe('the dates after the conference', () => {
  test('a conference that met and decided on its day: every date is the timescales module’s own', () => {
    const decision = decided('2026-03-05T12:30:00Z').decision!;
    expect(heldOn(conference, decision)).toBe('2026-03-05');
    const after = afterDeadlines(conference, decision, calendar, DEFAULT_TIMESCALE_SETTINGS);
    const direct = computeDeadlines(
      {
        kind: 'initial',
        strategyDiscussionDate: '2026-02-16',
        scheduledStart: '2026-03-05T10:00',
        heldOn: '2026-03-05',
      },
      calendar,
    );
    for (const key of [
      'decision-letter',
      'absent-parents-told',
      'first-core-group',
      'minutes',
      'first-review',
    ] as const)
      expect(dueFor(after, key)?.due).toBe(dueFor(direct, key)?.due);
    // Thu 5 Mar 2026: letter the next working day, parents within 24 hours of the 10:00 start.
    expect(dueFor(after, 'decision-letter')?.due).toBe('2026-03-06');
    expect(dueFor(after, 'absent-parents-told')?.due).toBe('2026-03-06T10:00:00+00:00');
    expect(dueFor(after, 'first-core-group')?.due).toBe('2026-03-19');
    expect(dueFor(after, 'first-review')?.due).toBe('2026-06-05');
  });

  test('a conference adjourned to another day counts the parents’ 24 hours from the decision', () => {
    const decision = decided('2026-03-10T15:00:00Z').decision!;
    expect(heldOn(conference, decision)).toBe('2026-03-05');
    const after = afterDeadlines(conference, decision, calendar, DEFAULT_TIMESCALE_SETTINGS);
    const parents = dueFor(after, 'absent-parents-told')!;
    expect(parents.due).toBe('2026-03-11T15:00:00+00:00');
    expect(parents.rule).toBe('within 24 hours of the decision');
    // The letter counts from the decision, the core group and the review from the day it met.
    expect(dueFor(after, 'decision-letter')?.due).toBe('2026-03-11');
    expect(dueFor(after, 'first-core-group')?.due).toBe('2026-03-19');
  });

  test('a date-only deadline runs to the end of that day in England (BST included)', () => {
    expect(dueInstant({ due: '2026-03-06' }).toISOString()).toBe('2026-03-06T23:59:59.999Z');
    expect(dueInstant({ due: '2026-07-06' }).toISOString()).toBe('2026-07-06T22:59:59.999Z');
    expect(dueInstant({ due: '2026-07-06T10:00:00+01:00' }).toISOString()).toBe('2026-07-06T09:00:00.000Z');
  });
});

describe('the review conference', () => {
  test('the same children, family (with who may not attend with whom) and agencies, with the plan’s conference as the previous one', () => {
    const deputy = {
      ...conference.invitees[1]!,
      id: uuid(99),
      email: 'dep.uty@agency.example.org',
      deputyFor: conference.invitees[1]!.id,
    };
    const request = ConferenceRequestInput.parse(
      reviewRequest({ ...conference, invitees: [...conference.invitees, deputy] }, '2026-03-05'),
    );
    expect(request.kind).toBe('review');
    expect(request.previousConferenceDate).toBe('2026-03-05');
    expect(request.children.map((c) => c.firstName)).toEqual(['Pip', 'Kit']);
    const [mum, dad] = request.familyMembers;
    expect(mum?.mayNotAttendWith).toEqual([dad?.key]);
    expect(dad?.mayNotAttendWith).toEqual([mum?.key]);
    // A deputy came for someone: the review invites the agency's own person.
    expect(request.invitees.map((i) => i.email)).not.toContain('dep.uty@agency.example.org');
    expect(request.invitees).toHaveLength(conference.invitees.length);
    const due = computeDeadlines(
      {
        kind: 'review',
        strategyDiscussionDate: request.strategyDiscussionDate,
        previousConferenceDate: '2026-03-05',
        heldOn: '2026-06-04',
      },
      calendar,
    );
    expect(dueFor(due, 'next-review')?.due).toBe('2026-12-04');
  });
});
