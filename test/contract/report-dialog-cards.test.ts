import { plainLanguageOf } from '../../bot/domain/reports/report.js';
import { FIELD_LABELS, ReportKinds, type ReportContent } from '../../bot/domain/reports/template.js';
import { plainText } from '../../cards/escape.js';
import { invitationCardData, renderInvitation } from '../../cards/invitation.js';
import { renderMyReports } from '../../cards/my-reports.js';
import {
  contentToValues,
  maxLengthOf,
  renderReportForm,
  valuesToContent,
  type ReportFormData,
} from '../../cards/report-form.js';
import { buildConference, buildInvitations, FAMILY_SECRETS } from '../fakes/fixtures.js';
import { cardProblems } from '../helpers/contracts.js';

const CONFERENCE_ID = '5b0f3c1e-2a4d-4c6b-9e1f-0a1b2c3d4e5f';
const INVITATION_ID = '9e2d3f5b-0000-4000-8000-000000000002';

const form = (over: Partial<ReportFormData> = {}): ReportFormData => ({
  conferenceId: CONFERENCE_ID,
  invitationId: INVITATION_ID,
  reference: 'RT-2026-0042',
  conferenceKind: 'initial',
  when: 'Thursday 5 March 2026, 10:00 to 12:00',
  childInitials: ['PS', 'KS'],
  reportKind: 'agency',
  dueSentence: 'Your report is due Tue 3 Mar 2026 (2 working days before the conference)',
  status: 'not-started',
  late: false,
  amendUntil: 'Thu 5 Mar 2026, 10:00',
  savedAt: null,
  values: {},
  ...over,
});

type Node = Record<string, unknown>;
function nodes(card: unknown): Node[] {
  const out: Node[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    out.push(n as Node);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}
const inputs = (card: unknown) => nodes(card).filter((n) => String(n.type).startsWith('Input.'));
const inputById = (card: unknown, id: string) => inputs(card).find((n) => n.id === id);
const textBlocks = (card: unknown) =>
  nodes(card)
    .filter((n) => n.type === 'TextBlock')
    .map((n) => String(n.text));

/** What Teams shows for a TextBlock's text once CommonMark backslash escapes are undone. */
const shown = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');

const HOSTILE = [
  '<script>alert(1)</script>',
  '<b>bold</b> &amp; <img src=x onerror=alert(1)>',
  '**x** _y_ [a](http://b) `code` # heading',
  '- a list\n1. numbered',
  'Smiles 😀👍🏽 at nursery',
  'الطفل سعيد في المدرسة',
];

describe('the report form (dialog card)', () => {
  test.each(ReportKinds.filter((k) => k !== 'family-views'))(
    'validates against Adaptive Card 1.5 for a %s report',
    (reportKind) => {
      expect(cardProblems(renderReportForm(form({ reportKind })))).toEqual([]);
    },
  );

  test('every text input carries the template’s own limit and label', () => {
    const card = renderReportForm(form());
    const texts = inputs(card).filter((n) => n.type === 'Input.Text');
    expect(texts.length).toBeGreaterThan(15);
    for (const t of texts) {
      expect(t.maxLength).toBe(maxLengthOf(String(t.id)));
      expect(typeof t.label).toBe('string');
    }
    expect(inputById(card, 'agency.name')?.maxLength).toBe(200);
    expect(inputById(card, 'worries.harm')?.maxLength).toBe(8000);
    expect(inputById(card, 'safetyScale.reason')?.maxLength).toBe(2000);
    expect(inputById(card, 'worries.harm')?.label).toBe(FIELD_LABELS['worries.harm']);
    // Nothing is required on the client, so a partial draft can always be saved.
    expect(inputs(card).some((n) => n.isRequired)).toBe(false);
  });

  test('the safety scale is a 0 to 10 choice with its reason; the child’s views say how they were obtained', () => {
    const card = renderReportForm(form());
    const scale = inputById(card, 'safetyScale.score') as { choices: { value: string }[] };
    expect(scale.choices.map((c) => c.value)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    expect(inputById(card, 'safetyScale.reason')).toBeDefined();
    const how = inputById(card, 'child.obtainedBy') as {
      isMultiSelect: boolean;
      choices: { title: string }[];
    };
    expect(how.isMultiSelect).toBe(true);
    expect(how.choices.map((c) => c.title)).toEqual(
      expect.arrayContaining([
        'I spoke with the child',
        'Through an advocate',
        'A letter from the child',
        'A video',
        'Mind of My Own app',
        'Three Houses',
        'Another way (say how with the views)',
      ]),
    );
    for (const id of ['sharedWithFamily.sharedOn', 'sharedWithFamily.how', 'sharedWithFamily.familyResponse'])
      expect(inputById(card, id)).toBeDefined();
  });

  test('a police report has no section on sharing with the family (it may hold what the family cannot see)', () => {
    const card = renderReportForm(form({ reportKind: 'police' }));
    expect(inputById(card, 'sharedWithFamily.how')).toBeUndefined();
    expect(inputById(card, 'worries.harm')).toBeDefined();
  });

  test('prefills from saved content and round-trips it exactly, hostile text included', () => {
    const content: ReportContent = {
      agency: { name: 'Example Community Health', contactWithChild: HOSTILE.join('\n') },
      child: { views: HOSTILE[2], obtainedBy: ['spoke-with-child', 'three-houses'] },
      recommendations: [{ what: 'Weekly visits', who: 'Health visitor', byWhen: 'within 4 weeks' }],
      safetyScale: { score: 0 },
      sharedWithFamily: { sharedOn: '2026-03-01', how: 'in-person' },
    };
    const values = contentToValues(content);
    const card = renderReportForm(form({ values }));
    expect(inputById(card, 'agency.contactWithChild')?.value).toBe(HOSTILE.join('\n'));
    expect(inputById(card, 'child.obtainedBy')?.value).toBe('spoke-with-child,three-houses');
    expect(inputById(card, 'safetyScale.score')?.value).toBe('0');
    expect(inputById(card, 'recommendations.0.what')?.value).toBe('Weekly visits');
    // One empty recommendation beyond those written.
    expect(inputById(card, 'recommendations.1.what')).toBeDefined();
    expect(valuesToContent(values)).toEqual({ content, problems: [] });
  });

  test('a refused field is named and left out; the rest is kept', () => {
    const { content, problems } = valuesToContent({
      'agency.name': 'x'.repeat(201),
      'worries.harm': 'Kept as typed ',
      'safetyScale.score': 'eleven',
    });
    expect(content).toEqual({ worries: { harm: 'Kept as typed ' } });
    expect(problems.map((p) => p.path).sort()).toEqual(['agency.name', 'safetyScale.score']);
    expect(problems.find((p) => p.path === 'agency.name')?.message).toBe(
      '“Agency” can be at most 200 characters.',
    );
  });

  test('buttons: save, check and submit; once submitted, amend and the date amendments close', () => {
    const titles = (c: unknown) =>
      nodes(c)
        .filter((n) => n.type === 'Action.Submit')
        .map((n) => n.title);
    expect(titles(renderReportForm(form()))).toEqual(['Save draft', 'Check plain language', 'Submit']);
    const submitted = renderReportForm(form({ status: 'submitted' }));
    expect(titles(submitted)).toEqual(['Check plain language', 'Submit amendment']);
    expect(textBlocks(submitted).join('\n')).toContain('You can amend it until Thu 5 Mar 2026, 10:00');
    for (const a of nodes(submitted).filter((n) => n.type === 'Action.Submit'))
      expect(a.data).toMatchObject({
        dialog: 'report',
        conferenceId: CONFERENCE_ID,
        invitationId: INVITATION_ID,
      });
  });

  test('plain-language advice names each term with its plain words and quotes the writer’s text escaped', () => {
    const content: ReportContent = {
      worries: { harm: `The CIN plan and the ICPC. ${HOSTILE.join(' ')}` },
    };
    const card = renderReportForm(form({ advice: plainLanguageOf(content) }));
    expect(cardProblems(card)).toEqual([]);
    const advice = textBlocks(card).filter((t) => t.includes('What we are worried about: harm'));
    expect(advice.length).toBeGreaterThan(0);
    const all = advice.map(shown).join('\n');
    expect(all).toContain('“CIN”');
    expect(all).toMatch(/child in need/i);
    // Every TextBlock that quotes the writer shows exactly their characters, never markup.
    for (const t of advice) {
      expect(t).not.toMatch(/(^|[^\\])\*\*|(^|[^\\])\[|(^|[^\\])</);
    }
  });

  test('never shows family names: only the reference and initials', () => {
    const json = JSON.stringify(renderReportForm(form()));
    for (const secret of FAMILY_SECRETS) expect(json).not.toContain(secret);
    expect(json).toContain('Initials PS, KS');
  });
});

describe('plainText', () => {
  test.each(HOSTILE)('shows %j as written once Markdown escapes are read', (s) => {
    expect(shown(plainText(s))).toBe(s);
    expect(plainText(s)).not.toMatch(/(^|[^\\])[*_[\]<>`#]/);
  });
});

describe('My reports card', () => {
  const item = {
    conferenceId: CONFERENCE_ID,
    invitationId: INVITATION_ID,
    reference: 'RT-2026-0042',
    kind: 'initial' as const,
    scheduledStart: '2026-03-05T10:00',
    durationMinutes: 120,
    due: 'Tue 3 Mar 2026',
  };

  test('lists each report with its status and an Open button that opens the dialog', () => {
    const card = renderMyReports([
      { ...item, status: 'not-started', overdue: true },
      { ...item, status: 'amended-since-read' },
    ]);
    expect(cardProblems(card)).toEqual([]);
    const json = JSON.stringify(card);
    for (const seen of [
      'RT-2026-0042: initial child protection conference',
      'Thursday 5 March 2026, 10:00 to 12:00',
      'Tue 3 Mar 2026 (overdue)',
      'Not started',
      'Amended since the chair read it',
      'Write my report',
      'Open my report',
    ])
      expect(json).toContain(seen);
    const opens = nodes(card).filter((n) => n.type === 'Action.Submit');
    expect(opens.map((n) => n.data)).toEqual([
      {
        msteams: { type: 'task/fetch' },
        dialog: 'report',
        conferenceId: CONFERENCE_ID,
        invitationId: INVITATION_ID,
      },
      {
        msteams: { type: 'task/fetch' },
        dialog: 'report',
        conferenceId: CONFERENCE_ID,
        invitationId: INVITATION_ID,
      },
    ]);
  });

  test('says so when there is nothing to write', () => {
    const card = renderMyReports([]);
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('You have no reports to write.');
  });
});

describe('the invitation card’s report button', () => {
  const conference = buildConference();
  const invitations = buildInvitations(conference, [null, null, null, null, null]);
  const due = { date: 'Tue 3 Mar 2026', sentence: 'Your report is due Tue 3 Mar 2026' };
  const submits = (i: number, started = false) =>
    nodes(
      renderInvitation(
        invitationCardData(conference, conference.invitees[i]!, invitations[i]!, due, undefined, started),
      ),
    ).filter((n) => n.type === 'Action.Submit');

  test('an agency that owes a report gets "Write my report", then "Open my report", opening the dialog', () => {
    expect(submits(1).map((n) => n.title)).toEqual(['Write my report']);
    expect(submits(1, true).map((n) => n.title)).toEqual(['Open my report']);
    expect(submits(1)[0]?.data).toEqual({
      msteams: { type: 'task/fetch' },
      dialog: 'report',
      conferenceId: conference.id,
      invitationId: invitations[1]!.id,
    });
  });

  test('the social worker (whose report is the social work report) gets no agency report button', () => {
    expect(submits(0)).toEqual([]);
  });
});
