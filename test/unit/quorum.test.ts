import { QuorumSettings, assessQuorum } from '../../bot/domain/quorum.js';
import { readinessCard } from '../../bot/use-cases/invitation-cards.js';
import type { QuorumSettingsInput, QuorumState } from '../../bot/domain/quorum.js';
import type { RsvpAnswer } from '../../bot/domain/rsvp.js';
import { buildConference, buildInvitations, FIXTURE_INVITEES } from '../fakes/fixtures.js';

// Fixture invitees, in order: social worker (children's social care), health visitor (Northshire Community
// Health), school (Hilltop Primary School), police (no direct contact), GP (Riverside Surgery).
const IP = 'attending-in-person';
const OL = 'attending-virtually';
const DEP = 'sending-deputy';
const RO = 'report-only';

interface Case {
  name: string;
  answers: (RsvpAnswer | null)[];
  state: QuorumState;
  summary: string;
  missing?: string[];
  action?: string;
  settings?: QuorumSettingsInput;
}

const cases: Case[] = [
  {
    name: 'everyone coming',
    answers: [IP, OL, IP, OL, IP],
    state: 'quorate',
    summary:
      'The conference is quorate: children’s social care and 3 other agencies with direct contact are coming (2 needed).',
    missing: [],
    action: 'Nothing to do: quorum is met.',
  },
  {
    name: 'a colleague sent in place of the health visitor counts',
    answers: [IP, DEP, OL, null, null],
    state: 'quorate',
    summary: 'children’s social care and 2 other agencies with direct contact are coming (2 needed).',
    missing: ['Riverside Surgery'],
    action:
      'Ask Dana Kowalski (Detective constable, Northshire Police) and Eli Novak (GP, Riverside Surgery) for an answer today.',
  },
  {
    name: 'reachable only if the school and GP answer',
    answers: [IP, OL, null, RO, null],
    state: 'at-risk',
    summary:
      'Quorum is at risk. Children’s social care is represented, and 1 other agency with direct contact is coming so far (2 needed).',
    missing: ['Hilltop Primary School', 'Riverside Surgery'],
    action:
      'Ask Ben Okafor (Designated safeguarding lead, Hilltop Primary School) and Eli Novak (GP, Riverside Surgery) for an answer today.',
  },
  {
    name: 'reports only: a report does not represent an agency',
    answers: [IP, RO, RO, IP, null],
    state: 'inquorate',
    summary:
      'The conference will not be quorate with the answers so far. Children’s social care is represented, and no other agency with direct contact is coming (2 needed).',
    missing: ['Northshire Community Health', 'Hilltop Primary School', 'Riverside Surgery'],
    action:
      'Ask Northshire Community Health and Hilltop Primary School to send a colleague in place of the person invited.',
  },
  {
    name: 'children’s social care sending only a report',
    answers: [RO, IP, IP, IP, IP],
    state: 'inquorate',
    summary:
      'Children’s social care is not represented yet, and 3 other agencies with direct contact are coming (2 needed).',
    missing: ['Children’s social care'],
    action: 'an inquorate conference needs an interim plan and a new date within 10 working days.',
  },
  {
    name: 'an authority that needs three other agencies',
    answers: [IP, DEP, OL, null, null],
    settings: { otherAgenciesRequired: 3 },
    state: 'at-risk',
    summary: 'and 2 other agencies with direct contact are coming so far (3 needed).',
    missing: ['Riverside Surgery'],
  },
];

describe('assessQuorum', () => {
  test.each(cases)('$name → $state', ({ answers, state, summary, missing, action, settings }) => {
    const conference = buildConference();
    const a = assessQuorum(conference, buildInvitations(conference, answers), settings);
    expect(a.state).toBe(state);
    expect(a.summary).toContain(summary);
    if (missing) expect(a.missing.map((m) => m.agency)).toEqual(missing);
    if (action) expect(a.suggestedAction).toContain(action);
  });

  test('shows who represents each agency, including a colleague sent in someone’s place', () => {
    const conference = buildConference();
    const a = assessQuorum(conference, buildInvitations(conference, [IP, DEP, OL, null, RO]));
    expect(a.childrensSocialCare).toMatchObject({ represented: true, by: ['Alex Carter'] });
    expect(a.otherAgenciesWithDirectContact).toEqual([
      expect.objectContaining({
        agency: 'Northshire Community Health',
        represented: true,
        by: ['Sam Deputy (in place of Asha Patel)'],
      }),
      expect.objectContaining({ agency: 'Hilltop Primary School', represented: true, by: ['Ben Okafor'] }),
      expect.objectContaining({ agency: 'Riverside Surgery', represented: false, by: [] }),
    ]);
    expect(a.missing).toEqual([{ agency: 'Riverside Surgery', agencyKind: 'health', reason: 'report-only' }]);
    expect(a.unanswered.map((u) => u.name)).toEqual(['Dana Kowalski']);
  });

  test('police without direct contact are invited but do not count towards the other agencies', () => {
    const conference = buildConference();
    const a = assessQuorum(conference, buildInvitations(conference, [IP, OL, RO, IP, RO]));
    expect(a.policeInvited).toBe(true);
    expect(a.otherAgenciesWithDirectContact.map((o) => o.agency)).not.toContain('Northshire Police');
    expect(a.state).toBe('inquorate');
  });

  test('an initial conference without the police invited is at risk even when otherwise quorate (seed 004)', () => {
    const conference = buildConference({
      invitees: FIXTURE_INVITEES.filter((i) => i.agencyKind !== 'police'),
    });
    const a = assessQuorum(conference, buildInvitations(conference, [IP, IP, IP, IP]));
    expect(a.policeInvited).toBe(false);
    expect(a.state).toBe('at-risk');
    expect(a.missing).toContainEqual({ agency: 'Police', agencyKind: 'police', reason: 'not-invited' });
    expect(a.summary).toContain('The police have not been invited.');
    expect(a.suggestedAction).toContain('Invite the police: they are invited to every initial conference.');
  });

  test.each([
    ['a review conference', { kind: 'review' as const }, {}],
    ['an authority that turned the police rule off', {}, { requirePoliceAtInitial: false }],
  ])('the police rule does not apply to %s', (_label, overrides, settings) => {
    const conference = buildConference({
      ...overrides,
      invitees: FIXTURE_INVITEES.filter((i) => i.agencyKind !== 'police'),
    });
    const a = assessQuorum(conference, buildInvitations(conference, [IP, IP, IP, IP]), settings);
    expect(a.policeInvited).toBeNull();
    expect(a.state).toBe('quorate');
  });

  test('an agency is represented when any of its invitees attends', () => {
    const nurse = {
      ...FIXTURE_INVITEES[1]!,
      id: '7d1c2e4a-0000-4000-8000-000000000099',
      name: 'Nia School-Nurse',
      role: 'School nurse',
    };
    const conference = buildConference({ invitees: [...FIXTURE_INVITEES, nurse] });
    const a = assessQuorum(conference, buildInvitations(conference, [IP, RO, IP, IP, IP, OL]));
    expect(a.otherAgenciesWithDirectContact[0]).toMatchObject({
      agency: 'Northshire Community Health',
      by: ['Nia School-Nurse'],
    });
    expect(a.state).toBe('quorate');
  });

  test('invitees whose invitation has not gone out are unanswered and the chair is told to send them', () => {
    const conference = buildConference();
    const a = assessQuorum(conference, buildInvitations(conference, [IP, OL, IP, IP, null]).slice(0, 4));
    expect(a.unanswered).toEqual([expect.objectContaining({ name: 'Eli Novak', invitationSent: false })]);
    expect(a.suggestedAction).toContain('Send the invitations that have not gone out yet.');
  });

  test('a conference with too few agencies invited asks the chair to invite another', () => {
    const conference = buildConference({ invitees: FIXTURE_INVITEES.slice(0, 4) });
    const a = assessQuorum(conference, buildInvitations(conference, [IP, IP, RO, IP]));
    expect(a.state).toBe('inquorate');
    expect(a.suggestedAction).toContain('Invite another agency that has direct contact with the child.');
  });

  test('settings default from the common local rule and reject nonsense', () => {
    expect(QuorumSettings.parse({})).toEqual({ otherAgenciesRequired: 2, requirePoliceAtInitial: true });
    expect(QuorumSettings.safeParse({ otherAgenciesRequired: -1 }).success).toBe(false);
    expect(QuorumSettings.safeParse({ quorum: 3 }).success).toBe(false);
  });
});

describe('a large conference', () => {
  test('names a few of those to chase and counts the rest, so the readiness card can still be sent', () => {
    const many = Array.from({ length: 55 }, (_, i) => ({
      ...FIXTURE_INVITEES[1]!,
      id: `7d1c2e4a-0000-4000-8000-${String(900 + i).padStart(12, '0')}`,
      name: `Practitioner Number ${i} (fictional)`,
      email: `p${i}@agency.example.org`,
      agency: `Example Agency With A Long Name ${i % 12}`,
    }));
    const conference = buildConference({ invitees: [...FIXTURE_INVITEES, ...many] });
    const invitations = buildInvitations(conference, []);
    const a = assessQuorum(conference, invitations);
    expect(a.suggestedAction).toContain('Alex Carter (Social worker');
    expect(a.suggestedAction).toContain('and 55 others listed below for an answer today.');
    expect(a.suggestedAction.length).toBeLessThanOrEqual(1000);
    // The card that failed validation (and so was never sent) before the list was shortened.
    expect(JSON.stringify(readinessCard(conference, invitations, a))).toContain('others listed below');
  });
});
