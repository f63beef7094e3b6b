import { buildConference, buildInvitations, FIXTURE_INVITEES } from '../fakes/fixtures.js';
import { assessQuorum } from '../../bot/domain/quorum.js';
import { DomainError } from '../../bot/domain/errors.js';
import {
  decideReadiness,
  judgeSharing,
  markRead,
  parseReportContent,
  readingList,
  recordShare,
  reportReadiness,
  saveDraft,
  submitReport,
  type Report,
  type ReportContent,
  type ReportKind,
} from '../../bot/domain/reports.js';
import {
  computeDeadlines,
  DEFAULT_TIMESCALE_SETTINGS,
  englandAndWalesCalendar,
} from '../../bot/domain/timescales/index.js';
import type { Conference } from '../../bot/domain/conference.js';

const calendar = englandAndWalesCalendar();
const t = { calendar, settings: DEFAULT_TIMESCALE_SETTINGS };
// The fixture: an initial conference on Thu 5 Mar 2026 at 10:00, strategy discussion Mon 16 Feb 2026.
const initial = buildConference();
const review = buildConference({ kind: 'review', previousConferenceDate: '2025-12-04' });
const deadlinesOf = (c: Conference) =>
  computeDeadlines(
    {
      kind: c.kind,
      strategyDiscussionDate: c.strategyDiscussionDate,
      previousConferenceDate: c.previousConferenceDate,
      scheduledStart: c.scheduledStart,
    },
    calendar,
  );
const london = (local: string) => new Date(`${local}:00Z`); // GMT in February and March before the clocks change

const COMPLETE: ReportContent = {
  agency: { name: 'Northshire Community Health', contactWithChild: 'Home visits every two weeks since May.' },
  workingWell: { strengths: 'Pip is warm with her brother.', protectiveFactors: 'Grandparent nearby.' },
  worries: {
    harm: 'Pip missed two health checks.',
    risks: 'Missed checks.',
    complicatingFactors: 'None known.',
  },
  child: {
    livedExperience: 'Pip says mornings are loud.',
    views: 'Pip wants more time outside.',
    obtainedBy: ['three-houses'],
  },
  recommendations: [
    {
      what: 'Book the health check',
      who: 'Asha Patel',
      byWhen: 'within 2 weeks',
      howWeWillKnow: 'Check done',
    },
  ],
  safetyScale: { score: 6, reason: 'Mum engages well.' },
  sharedWithFamily: {
    sharedOn: '2026-03-02',
    how: 'in-person',
    familyResponse: 'Robin agreed with most of it.',
  },
};

let n = 0;
function report(kind: ReportKind = 'agency', over: Partial<Report> = {}): Report {
  n += 1;
  return {
    id: `r${n}`,
    conferenceId: initial.id,
    inviteeId: kind === 'agency' ? FIXTURE_INVITEES[1]!.id : null,
    kind,
    status: 'draft',
    currentVersion: 0,
    submittedAt: null,
    late: false,
    versions: [],
    reads: [],
    shares: [],
    ...over,
  };
}

/** Applies a submission to a report, as the store would. */
function submitted(r: Report, at: Date, c: Conference = initial): Report {
  const s = submitReport(r, COMPLETE, 'Asha Patel', at, { conference: c, deadlines: deadlinesOf(c) });
  return {
    ...r,
    status: 'submitted',
    currentVersion: s.version.version,
    submittedAt: s.submittedAt,
    late: s.late,
    versions: [...r.versions, s.version],
  };
}

const errorOf = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
};

describe('the report template', () => {
  test.each([
    [
      { worries: { harm: 'x'.repeat(8001) } },
      'content.worries.harm',
      '“What we are worried about: harm” can be at most 8000 characters.',
    ],
    [
      { safetyScale: { score: 11 } },
      'content.safetyScale.score',
      '“Safety scale (0 to 10)” must be a whole number from 0 to 10.',
    ],
    [
      { recommendations: [{ who: 'y'.repeat(201) }] },
      'content.recommendations.0.who',
      '“Recommendation: who” can be at most 200 characters.',
    ],
    [{ agency: { name: 42 } }, 'content.agency.name', '“Agency” must be text.'],
    [{ colour: 'blue' }, 'content', 'Remove the unexpected field(s): colour.'],
  ])('%j is refused, naming the field', (content, path, message) => {
    const e = errorOf(() => parseReportContent(content));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.details).toContainEqual({ path, message });
  });

  test('text is kept exactly as written, spaces and markup included', () => {
    const harm = '  <script>alert(1)</script> **bold** 👶 مرحبا  ';
    expect(parseReportContent({ worries: { harm } }).worries?.harm).toBe(harm);
  });
});

describe('drafts and submission', () => {
  test('a partial draft is saved as it is, with plain-language advice that never blocks', () => {
    const v = saveDraft(
      report(),
      { worries: { harm: 'The LAC review found s47 concerns.' } },
      'Asha Patel',
      new Date(),
    );
    expect(v).toMatchObject({ version: 1, submitted: false });
    expect(v.plainLanguage.summary.total).toBeGreaterThan(0);
    expect(v.plainLanguage.findings[0]).toMatchObject({ field: 'worries.harm' });
  });

  test('submitting an incomplete report lists every missing field', () => {
    const e = errorOf(() =>
      submitReport(report(), { agency: { name: 'School' } }, 'A', london('2026-03-02T09:00'), {
        conference: initial,
        deadlines: deadlinesOf(initial),
      }),
    );
    expect(e.code).toBe('REPORT_INCOMPLETE');
    expect(e.details.map((d) => d.path)).toEqual([
      'content.agency.contactWithChild',
      'content.workingWell.strengths',
      'content.workingWell.protectiveFactors',
      'content.worries.harm',
      'content.worries.risks',
      'content.worries.complicatingFactors',
      'content.child.livedExperience',
      'content.child.obtainedBy',
      'content.child.views',
      'content.recommendations',
      'content.safetyScale.score',
      'content.safetyScale.reason',
      'content.sharedWithFamily.sharedOn',
      'content.sharedWithFamily.how',
      'content.sharedWithFamily.familyResponse',
    ]);
    expect(e.details[0]?.message).toBe('Fill in “Contact with the child”.');
  });

  test('views not obtained yet need the reason instead of the views; every SMART part is needed', () => {
    const content = {
      ...COMPLETE,
      child: { livedExperience: 'x', obtainedBy: ['not-yet-obtained' as const] },
      recommendations: [{ what: 'x' }],
    };
    const e = errorOf(() =>
      submitReport(report(), content, 'A', london('2026-03-02T09:00'), {
        conference: initial,
        deadlines: deadlinesOf(initial),
      }),
    );
    expect(e.details.map((d) => d.path)).toEqual([
      'content.child.notObtainedReason',
      'content.recommendations.0.who',
      'content.recommendations.0.byWhen',
      'content.recommendations.0.howWeWillKnow',
    ]);
  });

  test('the family’s own views need only the views', () => {
    expect(() =>
      submitReport(
        report('family-views'),
        { familyViews: { views: 'We want Pip home.' } },
        'Robin',
        london('2026-03-04T09:00'),
        {
          conference: initial,
          deadlines: deadlinesOf(initial),
        },
      ),
    ).not.toThrow();
  });

  test('submitted on the deadline day (Tue 3 Mar) is on time; the day after is late, and still accepted', () => {
    expect(submitted(report(), london('2026-03-03T23:30')).late).toBe(false);
    const late = submitted(report(), london('2026-03-04T08:00'));
    expect(late).toMatchObject({ late: true, status: 'submitted', currentVersion: 1 });
  });

  test('an amendment adds a version and keeps the first submission’s time and lateness; none after the start', () => {
    const first = submitted(saveDraftInto(report()), london('2026-03-04T08:00'));
    const amended = submitted(first, london('2026-03-04T12:00'));
    expect(amended.versions.map((v) => [v.version, v.submitted])).toEqual([
      [1, false],
      [2, true],
      [3, true],
    ]);
    expect(amended).toMatchObject({ late: true, submittedAt: first.submittedAt });
    expect(errorOf(() => submitted(amended, london('2026-03-05T10:00'))).code).toBe(
      'REPORT_CONFERENCE_STARTED',
    );
    expect(errorOf(() => saveDraft(amended, {}, 'A', new Date())).code).toBe('REPORT_ALREADY_SUBMITTED');
  });
});

function saveDraftInto(r: Report): Report {
  const v = saveDraft(r, { agency: { name: 'Draft' } }, 'Asha Patel', london('2026-03-01T09:00'));
  return { ...r, currentVersion: v.version, versions: [...r.versions, v] };
}

describe('sharing with the family', () => {
  const shared = (c: Conference, at: string) => {
    const r = saveDraftInto(report());
    const s = recordShare(
      r,
      { at: london(at).toISOString(), how: 'phone', by: 'Asha Patel', familyResponse: '' },
      london('2026-03-05T09:00'),
    );
    return judgeSharing({ ...r, shares: [s] }, deadlinesOf(c), london('2026-03-05T09:00')).state;
  };
  test.each([
    ['initial, 3 working days: Mon 2 Mar', 'in-time', initial, '2026-03-02T16:00'],
    ['initial, Tue 3 Mar', 'late', initial, '2026-03-03T09:00'],
    ['review, 5 working days: Thu 26 Feb', 'in-time', review, '2026-02-26T16:00'],
    ['review, Fri 27 Feb', 'late', review, '2026-02-27T09:00'],
  ])('%s is %s', (_name, state, c, at) => {
    expect(shared(c, at)).toBe(state);
  });

  test('not shared is overdue only after the deadline day; a share cannot be in the future or of nothing', () => {
    const r = saveDraftInto(report());
    expect(judgeSharing(r, deadlinesOf(initial), london('2026-03-02T20:00'))).toMatchObject({
      state: 'not-shared',
      overdue: false,
    });
    expect(judgeSharing(r, deadlinesOf(initial), london('2026-03-03T08:00'))).toMatchObject({
      state: 'not-shared',
      overdue: true,
    });
    const future = {
      at: london('2026-03-06T09:00').toISOString(),
      how: 'post' as const,
      by: 'A',
      familyResponse: '',
    };
    expect(errorOf(() => recordShare(r, future, london('2026-03-05T09:00'))).details[0]?.path).toBe('at');
    expect(errorOf(() => recordShare(report(), future, london('2026-03-07T09:00'))).code).toBe(
      'REPORT_NOT_WRITTEN',
    );
  });
});

describe('the chair’s reading list', () => {
  const [, health, school, police, gp] = FIXTURE_INVITEES.map((i) => i.id);
  const at = london('2026-03-02T09:00');
  const sw = submitted(report('social-work'), at);
  const hv = submitted(report('agency', { inviteeId: health! }), london('2026-03-04T09:00'));
  const readHv = { ...hv, reads: [markRead(hv, 1, 'Morgan Chair', at)] };
  const amendedSchool = (() => {
    const s = submitted(report('agency', { inviteeId: school! }), at);
    const read = { ...s, reads: [markRead(s, 1, 'Morgan Chair', at)] };
    return submitted(read, london('2026-03-03T09:00'));
  })();
  const draftPolice = saveDraftInto(report('agency', { inviteeId: police! }));
  const list = readingList(
    initial,
    [sw, readHv, amendedSchool, draftPolice],
    deadlinesOf(initial),
    london('2026-03-04T12:00'),
  );

  test('every invited agency and the social worker, each received, late, missing or amended since read', () => {
    expect(list.map((e) => [e.kind, e.inviteeId, e.state, e.draftSaved])).toEqual([
      ['social-work', null, 'received', false],
      ['agency', health, 'late', false],
      ['agency', school, 'amended-since-read', false],
      ['agency', police, 'missing', true],
      ['agency', gp, 'missing', false],
    ]);
    expect(list[2]).toMatchObject({ readVersion: 1, submittedVersion: 2 });
  });

  test('a review expects the core group progress report and the police report', () => {
    expect(readingList(review, [], deadlinesOf(review), at).map((e) => [e.kind, e.inviteeId])).toEqual([
      ['core-group-progress', null],
      ['police', police],
    ]);
  });

  test('a draft cannot be marked read', () => {
    expect(errorOf(() => markRead(draftPolice, 1, 'Morgan Chair', at)).code).toBe('REPORT_VERSION_UNKNOWN');
  });

  test('readiness lists missing, not shared in time and unread reports, with quorum from the invitations', () => {
    const quorum = assessQuorum(
      initial,
      buildInvitations(initial, [
        'attending-in-person',
        'attending-virtually',
        'attending-in-person',
        null,
        null,
      ]),
    );
    const r = reportReadiness(list, quorum, deadlinesOf(initial));
    expect(r.missing).toHaveLength(2);
    expect(r.notSharedInTime).toHaveLength(3);
    expect(r.unread).toEqual([list[0]!.author, list[2]!.author]);
    expect(r).toMatchObject({
      quorum: { state: 'quorate' },
      parentsHaveReports: false,
      decisionNeeded: true,
      ready: false,
    });
    expect(r.readingDeadline).toBe(
      'Chair’s reading of all reports due Wed 4 Mar 2026, 10:00 (at least 24 hours before the conference starts)',
    );
  });
});

describe('the decision when the parents have not had the reports (seed 003 §1.6)', () => {
  const now = london('2026-03-04T10:00');
  const base = { reason: 'Robin has not seen the health report.', by: 'Morgan Chair' };

  test('go ahead changes nothing', () => {
    expect(decideReadiness(initial, { ...base, decision: 'go-ahead' }, now, t).statusChange).toBeNull();
  });

  test('postponing within 15 working days of the strategy discussion (Mon 9 Mar) moves the status', () => {
    const r = decideReadiness(
      initial,
      { ...base, decision: 'postpone', newStart: '2026-03-09T10:00' },
      now,
      t,
    );
    expect(r.decision).toMatchObject({ withinTimescale: true, newStart: '2026-03-09T10:00' });
    expect(r.statusChange).toMatchObject({ from: 'invitations-sent', to: 'postponed', reason: base.reason });
  });

  test('a later date says so and needs the delay explained', () => {
    const input = { ...base, decision: 'postpone' as const, newStart: '2026-03-10T10:00' };
    const e = errorOf(() => decideReadiness(initial, input, now, t));
    expect(e.details[0]).toEqual({
      path: 'delayExplanation',
      message:
        'The new date is later than the statutory timescale (Initial conference due Mon 9 Mar 2026 (within 15 working days of the strategy discussion)). Explain the delay.',
    });
    const ok = decideReadiness(
      initial,
      { ...input, delayExplanation: 'The family’s advocate is away.' },
      now,
      t,
    );
    expect(ok.decision).toMatchObject({
      withinTimescale: false,
      delayExplanation: 'The family’s advocate is away.',
    });
  });

  test('a postponement needs a new date in the future', () => {
    expect(
      errorOf(() => decideReadiness(initial, { ...base, decision: 'postpone' }, now, t)).details[0]?.path,
    ).toBe('newStart');
    const past = { ...base, decision: 'postpone' as const, newStart: '2026-03-03T10:00' };
    expect(errorOf(() => decideReadiness(initial, past, now, t)).details[0]?.path).toBe('newStart');
  });
});
