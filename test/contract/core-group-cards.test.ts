/** The core group cards in every state: valid Adaptive Card 1.5, initials only, typed text kept as text. */
import { renderCoreGroupEscalation } from '../../cards/core-group-escalation.js';
import { renderCoreGroupProgress } from '../../cards/core-group-progress.js';
import type { ProgressCardData } from '../../cards/core-group-progress.js';
import { renderCoreGroupSlots } from '../../cards/core-group-slots.js';
import type { SlotsCardData } from '../../cards/core-group-slots.js';
import { cardProblems } from '../helpers/contracts.js';

const text = (card: unknown) => JSON.stringify(card);
const ids = {
  conferenceId: '5b0f3c1e-2a4d-4c6b-9e1f-0a1b2c3d4e5f',
  meetingId: '9e2d3f5b-0000-4000-8000-000000000010',
};

const slots = (over: Partial<SlotsCardData> = {}) =>
  renderCoreGroupSlots({
    ...ids,
    reference: 'RT-2026-0042',
    childInitials: ['PS', 'KS'],
    meetingNumber: 1,
    dueSentence: 'Thu 19 Mar 2026',
    status: 'proposed',
    slots: [
      {
        start: '2026-03-10T10:00:00+00:00',
        label: 'Tue 10 Mar 2026, 10:00 to 11:00',
        canCome: 2,
        mine: true,
      },
      {
        start: '2026-03-11T14:00:00+00:00',
        label: 'Wed 11 Mar 2026, 14:00 to 15:00',
        canCome: 0,
        mine: false,
      },
    ],
    answered: 'not-yet',
    ...over,
  });

const progress = (over: Partial<ProgressCardData> = {}) =>
  renderCoreGroupProgress({
    ...ids,
    reference: 'RT-2026-0042',
    childInitials: ['PS'],
    meetingNumber: 2,
    meetingWhen: 'Thu 23 Apr 2026, 10:00',
    actions: [
      {
        actionId: 'a1',
        what: 'Take Pip to the **dentist** [now](http://x.example)',
        byWhenLabel: 'Tue 31 Mar 2026',
        howWeWillKnow: 'The dentist writes <b>to us</b>',
        overdue: true,
        withFamily: true,
        last: 'Last update: At risk (Fri 20 Mar 2026): _moved_',
      },
      {
        actionId: 'a2',
        what: 'Weigh Kit',
        byWhenLabel: 'Fri 29 May 2026',
        howWeWillKnow: 'Red book',
        overdue: false,
      },
    ],
    ...over,
  });

describe('the scheduling card', () => {
  test.each([
    ['not answered yet', {}],
    ['answered', { answered: 'some' as const, waitingFor: 2 }],
    ['none of these', { answered: 'none' as const }],
    ['fixed', { status: 'scheduled' as const, fixedLabel: 'Tue 10 Mar 2026, 10:00 to 11:00' }],
    ['cancelled', { status: 'cancelled' as const }],
  ])('validates against Adaptive Card 1.5: %s', (_name, over) => {
    expect(cardProblems(slots(over))).toEqual([]);
  });

  test('offers a toggle per time with the count so far, and both answers; a fixed meeting offers none', () => {
    const card = text(slots());
    expect(card).toContain('I can come: Tue 10 Mar 2026, 10:00 to 11:00 (2 can come so far)');
    expect(card).toContain('"id":"slot-1"');
    expect(card).toContain('coreGroup.slots.answer');
    expect(card).toContain('coreGroup.slots.none');
    const fixed = text(slots({ status: 'scheduled', fixedLabel: 'Tue 10 Mar 2026, 10:00 to 11:00' }));
    expect(fixed).toContain('The meeting is fixed for Tue 10 Mar 2026, 10:00 to 11:00');
    expect(fixed).not.toContain('coreGroup.slots');
  });

  test('refreshes to its viewer’s current view, and to no one else’s, when it names the viewer', () => {
    const card = slots({ viewerAadObjectId: 'aad-hana' }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(cardProblems(card)).toEqual([]);
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'coreGroup.slots.refresh', data: expect.any(Object) },
      userIds: ['aad-hana'],
    });
    expect(Object.keys(card.refresh.action.data).sort()).toEqual(['conferenceId', 'meetingId']);
    expect(slots()).not.toHaveProperty('refresh');
  });
});

describe('the progress card', () => {
  test.each([
    ['fresh', {}],
    ['saved', { notice: { kind: 'saved' as const, text: 'Thank you: your update is saved.' } }],
    ['with a problem', { notice: { kind: 'problem' as const, text: 'Nothing was saved.' } }],
  ])('validates against Adaptive Card 1.5: %s', (_name, over) => {
    expect(cardProblems(progress(over))).toEqual([]);
  });

  test('the plan’s words print as written, never as Markdown; the four statuses and a comment per action', () => {
    const card = text(progress());
    expect(card).toContain(
      'Take Pip to the \\\\*\\\\*dentist\\\\*\\\\* \\\\[now\\\\]\\\\(http://x\\\\.example\\\\)',
    );
    expect(card).toContain('\\\\<b\\\\>to us\\\\</b\\\\>');
    expect(card).toContain('To be done by Tue 31 Mar 2026 (now overdue)');
    expect(card).toContain('please update it with them');
    for (const label of ['On track', 'At risk', 'Not done', 'Done'])
      expect(card).toContain(`"title":"${label}"`);
    expect(card).toContain('"id":"status-1"');
    expect(card).toContain('"id":"comment-1"');
    expect(card).toContain('"maxLength":1000');
    expect(card).toContain('"actionIds":["a1","a2"]');
  });

  test('a problem is shown beside its action and what was typed is kept', () => {
    const card = progress({
      actions: [
        {
          actionId: 'a1',
          what: 'Weigh Kit',
          byWhenLabel: 'Fri 29 May 2026',
          howWeWillKnow: 'Red book',
          overdue: false,
          status: 'at-risk',
          comment: 'Typed <before>',
          problem: 'Keep the comment to 1000 characters or fewer.',
        },
      ],
    });
    expect(cardProblems(card)).toEqual([]);
    expect(text(card)).toContain('"value":"at-risk"');
    expect(text(card)).toContain('"value":"Typed <before>"');
    expect(text(card)).toContain('Keep the comment to 1000 characters or fewer.');
  });

  test('refreshes to the latest updates for its owner, except while it shows a problem with typed input', () => {
    const card = progress({ viewerAadObjectId: 'aad-hana' }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(cardProblems(card)).toEqual([]);
    expect(card.refresh).toMatchObject({
      action: { type: 'Action.Execute', verb: 'coreGroup.progress.refresh', data: ids },
      userIds: ['aad-hana'],
    });
    const problem = progress({
      viewerAadObjectId: 'aad-hana',
      notice: { kind: 'problem', text: 'Nothing was saved.' },
    });
    expect(problem).not.toHaveProperty('refresh');
  });

  test('stays far below the Teams message limit with 50 long actions', () => {
    const long = Array.from({ length: 50 }, (_, i) => ({
      actionId: `a${i}`,
      what: 'w'.repeat(500),
      byWhenLabel: 'Fri 29 May 2026',
      howWeWillKnow: 'h'.repeat(300),
      overdue: false,
    }));
    expect(text(progress({ actions: long })).length).toBeLessThan(100_000);
  });
});

describe('the escalation card', () => {
  test.each(['lead-social-worker', 'chair'] as const)('validates and says what to do: %s', (level) => {
    const card = renderCoreGroupEscalation({
      reference: 'RT-2026-0042',
      childInitials: ['PS'],
      level,
      actions: [
        {
          what: 'Take Pip to the *dentist*',
          why: 'This action is past the date it was due by.',
          state: 'Not done',
        },
      ],
    });
    expect(cardProblems(card)).toEqual([]);
    expect(text(card)).toContain('Take Pip to the \\\\*dentist\\\\*');
    expect(text(card)).toContain(
      level === 'chair' ? 'The plan is not working' : 'Plan actions need attention',
    );
  });
});
