import type { Conference } from '../../bot/domain/conference.js';
import { assessQuorum } from '../../bot/domain/quorum.js';
import type { RsvpAnswer } from '../../bot/domain/rsvp.js';
import { invitationCardData, renderInvitation } from '../../cards/invitation.js';
import type { InvitationCardState } from '../../cards/invitation.js';
import { readinessCardData, renderReadiness } from '../../cards/readiness.js';
import type { AdaptiveCard } from '../../cards/render.js';
import { quorumWarningData, renderQuorumWarning, renderReminder } from '../../cards/reminder.js';
import { isVerb } from '../../cards/verbs.js';
import { buildConference, buildInvitations, FAMILY_SECRETS } from '../fakes/fixtures.js';
import { cardProblems } from '../helpers/contracts.js';

const DUE = {
  date: 'Tue 3 Mar 2026',
  sentence: 'Your report is due Tue 3 Mar 2026 (2 working days before the conference)',
};
const ANSWERS: (RsvpAnswer | null)[] = [
  null,
  'attending-in-person',
  'attending-virtually',
  'sending-deputy',
  'report-only',
];
const STATES: InvitationCardState[] = ['unanswered', 'answered', 'changing', 'moved', 'cancelled', 'closed'];

const text = (card: unknown): string => JSON.stringify(card);
/** Every button title and verb, in document order: body action sets, card actions and Action.ShowCard forms. */
function buttons(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; title?: string; verb?: string };
    if (n.type?.startsWith('Action.')) out.push(n.verb ? `${n.title} [${n.verb}]` : `${n.title} (${n.type})`);
    Object.entries(node).forEach(([k, v]) => k !== 'refresh' && walk(v));
  };
  walk(card);
  return out;
}

const invitationCard = (
  answer: RsvpAnswer | null,
  state?: InvitationCardState,
  conference = buildConference(),
) => {
  const invitations = buildInvitations(conference, [answer, answer, answer, answer, answer]);
  return renderInvitation(
    invitationCardData(conference, conference.invitees[1]!, invitations[1]!, DUE, state),
  );
};

/** Every card in every state, for one conference: the set validated and searched for family data. */
function everyCard(conference: Conference): [string, AdaptiveCard][] {
  const cards: [string, AdaptiveCard][] = [];
  for (const state of STATES)
    for (const answer of ANSWERS)
      cards.push([`invitation ${state} ${answer}`, invitationCard(answer, state, conference)]);
  const allIn: RsvpAnswer[] = Array(5).fill('attending-in-person');
  for (const answers of [
    ANSWERS,
    allIn,
    [null, null, null, null, null],
    ['attending-in-person', 'report-only', 'report-only', null, null],
  ] as const) {
    const invitations = buildInvitations(conference, [...answers]);
    const assessment = assessQuorum(conference, invitations);
    for (const sent of [true, false])
      cards.push([
        `readiness ${assessment.state} sent=${sent}`,
        renderReadiness(readinessCardData(conference, invitations, assessment, sent)),
      ]);
    const warning = quorumWarningData(conference, assessment);
    if (warning) cards.push([`quorum warning ${assessment.state}`, renderQuorumWarning(warning)]);
  }
  const invitation = buildInvitations(conference, [null, null])[1]!;
  cards.push([
    'reminder',
    renderReminder(invitationCardData(conference, conference.invitees[1]!, invitation, DUE)),
  ]);
  return cards;
}

const formats = [
  buildConference(),
  buildConference({ format: 'virtual' }),
  buildConference({ format: 'in-person', joinUrl: undefined }),
];

describe('every invitation, readiness and reminder card', () => {
  test.each(
    formats.flatMap((c) => everyCard(c).map(([name, card]) => [`${c.format}: ${name}`, card] as const)),
  )('%s validates against Adaptive Card 1.5 and uses known verbs', (_name, card) => {
    expect(cardProblems(card)).toEqual([]);
    const verbs = text(card).match(/"verb":"[^"]+"/g) ?? [];
    for (const v of verbs) expect(isVerb(v.slice(8, -1))).toBe(true);
  });

  test('carries no family name, surname or address (data minimisation, DESIGN.md §3)', () => {
    const all = formats.flatMap(everyCard).map(([name, card]) => [name, text(card)] as const);
    for (const [name, json] of all)
      for (const secret of FAMILY_SECRETS)
        expect(`${name}: ${json.includes(secret) ? secret : 'clean'}`).toBe(`${name}: clean`);
    expect(all.some(([, json]) => json.includes('Initials PS, KS'))).toBe(true);
  });

  test('a full name cannot be passed where initials belong', () => {
    const data = invitationCardData(
      buildConference(),
      buildConference().invitees[1]!,
      buildInvitations(buildConference(), [])[1]!,
      DUE,
    );
    expect(() => renderInvitation({ ...data, childInitials: ['Pip Sample'] })).toThrow('initials only');
  });
});

describe('invitation card', () => {
  test('unanswered: the facts, what is expected and the four answers', () => {
    const card = invitationCard(null);
    const json = text(card);
    for (const seen of [
      'You are invited to an initial child protection conference',
      'RT-2026-0042: initial child protection conference',
      'Thursday 5 March 2026, 10:00 to 12:00',
      'In person or online in Microsoft Teams: you choose',
      'Health visitor',
      'Initials PS, KS',
      'Your report is due Tue 3 Mar 2026 (2 working days before the conference).',
      'Reports are needed even when you attend',
    ])
      expect(json).toContain(seen);
    expect(buttons(card)).toEqual([
      'Write my report (Action.Submit)',
      'I will attend in person [rsvp.attendInPerson]',
      'I will attend online [rsvp.attendVirtually]',
      'I will send a colleague (Action.ShowCard)',
      'Invite my colleague [rsvp.sendDeputy]',
      'I cannot attend: report only [rsvp.reportOnly]',
      'Join the Teams meeting (Action.OpenUrl)',
    ]);
    expect(json).toContain('"id":"deputyName"');
    expect(json).toContain('"id":"deputyEmail"');
  });

  test.each<[RsvpAnswer, string, string[]]>([
    ['attending-in-person', 'Attending in person', ['Change my answer [rsvp.change]']],
    [
      'attending-virtually',
      'Attending online (Teams)',
      ['Change my answer [rsvp.change]', 'Join the Teams meeting (Action.OpenUrl)'],
    ],
    [
      'sending-deputy',
      'Sam Deputy has been invited in your place; your agency stays represented.',
      ['Change my answer [rsvp.change]'],
    ],
    [
      'report-only',
      'Please still send your report by Tue 3 Mar 2026: the conference cannot wait for reports on the day.',
      ['Change my answer [rsvp.change]'],
    ],
  ])('answered %s: shows the answer, what happens next and a way to change it', (answer, seen, expected) => {
    const card = invitationCard(answer);
    expect(text(card)).toContain(seen);
    expect(text(card)).toContain('Your answer: ');
    expect(buttons(card)).toEqual(['Write my report (Action.Submit)', ...expected]);
  });

  test('changing: the current answer, the choices again and a way to keep it', () => {
    const card = invitationCard('report-only', 'changing');
    expect(text(card)).toContain('Your answer at the moment: **Cannot attend: sending my report**');
    expect(buttons(card)).toContain('Keep my answer [rsvp.refresh]');
    expect(buttons(card)).toContain('I will attend online [rsvp.attendVirtually]');
  });

  test.each([
    [
      'moved',
      'This conference has been moved, so this card is out of date.',
      ['Show the latest details [rsvp.refresh]'],
    ],
    ['cancelled', 'This conference has been cancelled, so this card is out of date.', []],
  ] as const)('%s: says the card is out of date and offers no answers', (state, seen, expected) => {
    const card = invitationCard(null, state);
    expect(text(card)).toContain(seen);
    expect(buttons(card)).toEqual(expected);
  });

  test('a cancelled conference turns the card out of date without being told', () => {
    expect(
      text(invitationCard('attending-virtually', undefined, buildConference({ status: 'cancelled' }))),
    ).toContain('has been cancelled');
  });

  test.each([
    [
      'virtual',
      { format: 'virtual' as const },
      ['I will attend online [rsvp.attendVirtually]'],
      'I will attend in person',
    ],
    [
      'in person without a link',
      { format: 'in-person' as const, joinUrl: undefined },
      ['I will attend in person [rsvp.attendInPerson]'],
      'Join the Teams meeting',
    ],
  ])('a %s conference offers only the answers that fit', (_label, overrides, present, absent) => {
    const card = invitationCard(null, undefined, buildConference(overrides));
    for (const b of present) expect(buttons(card)).toContain(b);
    expect(text(card)).not.toContain(absent);
  });

  test('refreshes per viewer for the invitee, and not at all when their id is unknown', () => {
    const card = invitationCard(null) as AdaptiveCard & {
      refresh?: { userIds: string[]; action: { verb: string } };
    };
    expect(card.refresh?.userIds).toEqual([buildConference().invitees[1]!.aadObjectId]);
    expect(card.refresh?.action.verb).toBe('rsvp.refresh');
    const conference = buildConference();
    conference.invitees[1] = { ...conference.invitees[1]!, aadObjectId: undefined };
    expect(invitationCard(null, undefined, conference)).not.toHaveProperty('refresh');
  });
});

describe('readiness card and quorum warning', () => {
  const conference = buildConference();
  const invitations = buildInvitations(conference, [
    'attending-in-person',
    'sending-deputy',
    null,
    'report-only',
    null,
  ]);
  const assessment = assessQuorum(conference, invitations);

  test('the chair sees counts, agencies, who to chase and the quorum state', () => {
    const card = renderReadiness(readinessCardData(conference, invitations, assessment, true));
    const json = text(card);
    for (const seen of [
      'Who is coming to RT-2026-0042',
      'Quorum at risk',
      assessment.summary,
      '**What to do:** Ask Ben Okafor (Designated safeguarding lead, Hilltop Primary School) and Eli Novak',
      'In person: **1** · Online: **0** · Sending a colleague: **1** · Report only: **1** · Not answered: **2**',
      '• **Northshire Community Health**: Sam Deputy (in place of Asha Patel)',
      '• **Riverside Surgery**: Not answered yet',
      '• **Police**: Invited',
      '• Eli Novak, GP, Riverside Surgery',
    ])
      expect(json).toContain(seen);
    expect(buttons(card)).toEqual(['Refresh [readiness.refresh]']);
  });

  test('offers to send the invitations until they are sent', () => {
    const card = renderReadiness(readinessCardData(conference, [], assessQuorum(conference, []), false));
    expect(buttons(card)).toEqual(['Refresh [readiness.refresh]', 'Send invitations [invitations.send]']);
    expect(text(card)).toContain('The invitations have not been sent yet.');
  });

  test('the warning names what is missing and what to do; none when quorate', () => {
    const card = renderQuorumWarning(quorumWarningData(conference, assessment)!);
    expect(text(card)).toContain('RT-2026-0042 may not be quorate');
    expect(text(card)).toContain('• Riverside Surgery: has not answered yet');
    expect(text(card)).toContain('**What to do:**');
    expect(buttons(card)).toEqual(['Show who is coming [readiness.refresh]']);
    const all = buildInvitations(conference, [
      'attending-in-person',
      'attending-in-person',
      'attending-in-person',
      null,
      'attending-in-person',
    ]);
    expect(quorumWarningData(conference, assessQuorum(conference, all))).toBeNull();
  });

  test('the reminder chases with the same answer buttons', () => {
    const invitation = buildInvitations(conference, [])[1]!;
    const card = renderReminder(invitationCardData(conference, conference.invitees[1]!, invitation, DUE));
    expect(text(card)).toContain(
      'You have not yet answered the invitation to RT-2026-0042 on Thursday 5 March 2026, 10:00 to 12:00.',
    );
    // The report button lives on the invitation card; the reminder keeps to the answers.
    expect(buttons(card)).toEqual(buttons(invitationCard(null)).filter((b) => !b.includes('my report')));
  });
});
