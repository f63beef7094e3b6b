/** The report chase cards in every state: valid Adaptive Card 1.5, initials only, typed text kept as text. */
import {
  renderReportLate,
  renderReportReadiness,
  renderReportReminder,
  reportDialogData,
} from '../../cards/report-chase.js';
import type { ReportReadinessData } from '../../cards/report-chase.js';
import { buildConference } from '../fakes/fixtures.js';
import { FAMILY_NAMES } from '../helpers/invitation-flow.js';
import { cardProblems } from '../helpers/contracts.js';

const c = buildConference();
const text = (card: unknown) => JSON.stringify(card);
const ids = { conferenceId: c.id, invitationId: '9e2d3f5b-0000-4000-8000-000000000002' };
const conference = {
  conferenceId: c.id,
  reference: c.reference,
  kind: c.kind,
  scheduledStart: '2026-03-05T10:00',
  durationMinutes: 120,
};

const reminder = (draftSaved: boolean) =>
  renderReportReminder({
    ...conference,
    invitationId: ids.invitationId,
    role: 'Health visitor',
    childInitials: ['PS', 'KS'],
    dueLabel: 'Tue 3 Mar 2026',
    dueRule: '2 working days before the conference',
    draftSaved,
  });

const late = renderReportLate({
  ...conference,
  dueLabel: 'Tue 3 Mar 2026',
  late: [
    { what: 'Health visitor (Example Community Health)', draftSaved: true, managerTold: true },
    { what: 'Police officer (Example Police)', draftSaved: false, managerTold: false },
  ],
});

const HOSTILE = '<script>alert(1)</script> **bold** [link](https://example.org) مرحبا 👩‍👧';
const readinessBase: ReportReadinessData = {
  ...conference,
  childInitials: ['PS', 'KS'],
  readingDeadline: 'Chair’s reading of all reports due Wed 4 Mar 2026, 10:00 (at least 24 hours before)',
  missing: ['Police officer (Example Police)'],
  late: ['Hana Healthvisitor (fictional), Health visitor (Example Community Health)'],
  notSharedInTime: ['Hana Healthvisitor (fictional), Health visitor (Example Community Health)'],
  unread: [],
  quorum: { state: 'at-risk', summary: 'Quorum is at risk.' },
  decisionNeeded: true,
  ready: false,
  timescale: 'Initial conference due Fri 13 Mar 2026 (15 working days after the strategy discussion)',
  dateMin: '2026-03-05',
  decision: null,
};
const decided = (decision: 'go-ahead' | 'postpone') => ({
  decision,
  reason: HOSTILE,
  newStart: decision === 'postpone' ? '2026-03-12T10:00' : null,
  withinTimescale: decision === 'postpone' ? true : null,
  delayExplanation: null,
  by: 'Casey Chair (fictional)',
  at: '2026-03-04T10:30:00.000Z',
});

const ALL = {
  'reminder, nothing written': reminder(false),
  'reminder, draft saved': reminder(true),
  late,
  'readiness asking': renderReportReadiness(readinessBase),
  'readiness with what to fix': renderReportReadiness({
    ...readinessBase,
    form: { reason: HOSTILE, newDate: '2026-03-20', newTime: '10:00' },
    problems: ['The new date is later than the statutory timescale. Explain the delay.'],
  }),
  'readiness, went ahead': renderReportReadiness({ ...readinessBase, decision: decided('go-ahead') }),
  'readiness, postponed': renderReportReadiness({ ...readinessBase, decision: decided('postpone') }),
  'readiness, all ready': renderReportReadiness({
    ...readinessBase,
    missing: [],
    late: [],
    notSharedInTime: [],
    quorum: { state: 'quorate', summary: 'Quorate.' },
    decisionNeeded: false,
    ready: true,
  }),
};

test.each(Object.entries(ALL))(
  '%s validates against Adaptive Card 1.5 and names no family member',
  (_n, card) => {
    expect(cardProblems(card)).toEqual([]);
    for (const name of FAMILY_NAMES) expect(text(card)).not.toMatch(new RegExp(`\\b${name}\\b`));
  },
);

test('the reminder says what is due and by when, and Write my report opens the report dialog', () => {
  const t = text(ALL['reminder, nothing written']);
  expect(t).toContain(`Your report for ${c.reference} is due Tue 3 Mar 2026`);
  expect(t).toContain('(2 working days before the conference)');
  expect(t).toContain('Initials PS, KS');
  expect(t).not.toContain('Your draft is saved');
  expect(text(ALL['reminder, draft saved'])).toContain('Your draft is saved');
  expect(ALL['reminder, nothing written'].actions).toEqual([
    {
      type: 'Action.Submit',
      title: 'Write my report',
      style: 'positive',
      data: { msteams: { type: 'task/fetch' }, dialog: 'report', ...ids },
    },
  ]);
  expect(reportDialogData(ids.conferenceId, ids.invitationId)).toEqual({
    msteams: { type: 'task/fetch' },
    dialog: 'report',
    ...ids,
  });
});

test('the late notice names each role and agency and what is missing', () => {
  const t = text(late);
  expect(t).toContain('2 reports are late for');
  expect(t).toContain(
    'Health visitor (Example Community Health): a draft is saved but not submitted; their manager has been told by email.',
  );
  expect(t).toContain('Police officer (Example Police): no report yet.');
});

test('the chair’s typed values come back on the card, and the recorded reason is shown as text only', () => {
  const fix = text(ALL['readiness with what to fix']);
  expect(fix).toContain('What to fix:');
  expect(fix).toContain('"value":"2026-03-20"');
  expect(fix).toContain(JSON.stringify(HOSTILE));
  // A TextRun is never read as Markdown, so typed asterisks, brackets and tags stay as typed.
  const went = ALL['readiness, went ahead'];
  expect(text(went)).toContain(`{"type":"TextRun","text":${JSON.stringify(HOSTILE)}}`);
  expect(text(went)).not.toContain('readiness.goAhead');
  expect(text(ALL['readiness, postponed'])).toContain(
    'Decision recorded: postponed to Thu 12 Mar 2026, 10:00, within the timescale',
  );
  expect(text(ALL['readiness, all ready'])).toContain('Every report is in');
  expect(text(ALL['readiness, all ready'])).not.toContain('readiness.postpone');
});
