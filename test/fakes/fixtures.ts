/**
 * Fictional conferences for tests, demos and screenshots. Every name, address and concern here is
 * invented and deliberately obvious ("Sample", "Example Street") so a data-minimisation test can
 * search card JSON for them.
 */
import type { Conference, Invitee } from '../../bot/domain/conference.js';
import type { Invitation, RsvpAnswer } from '../../bot/domain/rsvp.js';

/** Strings that must never appear in a chat card (family names, address, concerns). */
export const FAMILY_SECRETS = [
  'Pip Sample',
  'Robin Sample',
  'Sample',
  'Pip',
  'Robin',
  'Kit Sample',
  'Kit',
  '1 Example Street',
  'Example Street',
  'Exampletown',
  'EX1 2MP',
  'bruising to the upper arm',
] as const;

export const CONFERENCE_ID = '5b0f3c1e-2a4d-4c6b-9e1f-0a1b2c3d4e5f';

const uuid = (n: number): string => `7d1c2e4a-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The invitees of the fixture conference: one per agency, ids uuid(1..n). */
export const FIXTURE_INVITEES: Invitee[] = [
  ['Alex Carter', 'Social worker', 'Northshire Children’s Services', 'childrens-social-care', true],
  ['Asha Patel', 'Health visitor', 'Northshire Community Health', 'health', true],
  ['Ben Okafor', 'Designated safeguarding lead', 'Hilltop Primary School', 'education', true],
  ['Dana Kowalski', 'Detective constable', 'Northshire Police', 'police', false],
  ['Eli Novak', 'GP', 'Riverside Surgery', 'health', true],
].map(([name, role, agency, agencyKind, directContact], i) => ({
  id: uuid(i + 1),
  name: name as string,
  email: `${(name as string).toLowerCase().replace(/ /g, '.')}@agency.example.org`,
  role: role as string,
  agency: agency as string,
  agencyKind: agencyKind as Invitee['agencyKind'],
  directContact: directContact as boolean,
  aadObjectId: uuid(100 + i + 1),
}));

/**
 * Case data a conference record may carry beyond its type (from imports or future fields). The builder
 * attaches it so tests prove card builders pick fields one by one and never spread a whole record.
 */
const CASE_DETAILS = {
  familyAddress: '1 Example Street, Exampletown EX1 2MP',
  concerns: 'bruising to the upper arm',
};

/** A fictional initial conference; pass overrides for other states. */
export function buildConference(overrides: Partial<Conference> = {}): Conference {
  const conference: Conference = {
    id: CONFERENCE_ID,
    reference: 'RT-2026-0042',
    kind: 'initial',
    status: 'invitations-sent',
    strategyDiscussionDate: '2026-02-16',
    format: 'hybrid',
    scheduledStart: '2026-03-05T10:00',
    durationMinutes: 120,
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_fixture%40thread.v2/0',
    chair: { name: 'Morgan Chair', email: 'morgan.chair@council.example.org', aadObjectId: uuid(200) },
    leadSocialWorker: { name: 'Alex Carter', email: 'alex.carter@agency.example.org' },
    children: [
      { id: uuid(301), firstName: 'Pip', lastName: 'Sample', dateOfBirth: '2019-06-01' },
      { id: uuid(302), firstName: 'Kit', lastName: 'Sample', dateOfBirth: '2022-01-15' },
    ],
    familyMembers: [
      {
        id: uuid(401),
        firstName: 'Robin',
        lastName: 'Sample',
        relationship: 'mother',
        parentalResponsibility: true,
        email: 'robin.sample@family.example.org',
        communicationNeeds: { britishSignLanguage: false, makaton: false },
        mayNotAttendWith: [],
      },
    ],
    invitees: FIXTURE_INVITEES.map((i) => ({ ...i })),
    createdAt: '2026-02-17T09:00:00.000Z',
    updatedAt: '2026-02-17T09:00:00.000Z',
    statusHistory: [{ from: null, to: 'requested', at: '2026-02-17T09:00:00.000Z' }],
    ...overrides,
  };
  return Object.assign(conference, CASE_DETAILS);
}

/** A fresh, unanswered invitation for one invitee of the fixture conference. */
export function buildInvitation(invitee: Invitee, overrides: Partial<Invitation> = {}): Invitation {
  return {
    id: invitee.id.replace('7d1c2e4a', '9e2d3f5b'),
    conferenceId: CONFERENCE_ID,
    inviteeId: invitee.id,
    channel: invitee.aadObjectId ? 'teams' : 'email',
    answer: null,
    deputy: null,
    answeredAt: null,
    version: 1,
    history: [],
    ...overrides,
  };
}

/** Invitations for the fixture conference with the given answers, by invitee index (null = unanswered). */
export function buildInvitations(conference: Conference, answers: (RsvpAnswer | null)[]): Invitation[] {
  return conference.invitees.map((invitee, i) => {
    const answer = answers[i] ?? null;
    return buildInvitation(invitee, {
      answer,
      answeredAt: answer ? '2026-02-18T09:00:00.000Z' : null,
      deputy:
        answer === 'sending-deputy' ? { name: 'Sam Deputy', email: 'sam.deputy@agency.example.org' } : null,
    });
  });
}
