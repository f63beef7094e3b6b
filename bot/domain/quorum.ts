import { z } from 'zod';
import type { Conference, Invitee } from './conference.js';
import type { AgencyKind } from './people.js';
import type { Invitation, RsvpAnswer } from './rsvp.js';

/**
 * Quorum rule, configurable per authority. Defaults follow common local procedures (DESIGN.md §1):
 * children's social care plus at least two other agencies with direct contact; police invited to
 * every initial conference (seed 004).
 */
export const QuorumSettings = z
  .object({
    otherAgenciesRequired: z.number().int().min(0).max(10).default(2),
    requirePoliceAtInitial: z.boolean().default(true),
  })
  .strict();
export type QuorumSettings = z.output<typeof QuorumSettings>;
export type QuorumSettingsInput = z.input<typeof QuorumSettings>;

export type QuorumState = 'quorate' | 'at-risk' | 'inquorate';

export interface AgencyRepresentation {
  agency: string;
  agencyKind: AgencyKind;
  represented: boolean;
  /** Who represents it: "Asha Patel" or "Sam Deputy (in place of Asha Patel)". */
  by: string[];
  /** Someone from this agency has not answered yet, so it may still be represented. */
  mayAttend: boolean;
}

export interface MissingAgency {
  agency: string;
  agencyKind: AgencyKind;
  reason: 'not-invited' | 'not-answered' | 'report-only' | 'no-one-attending';
}

export interface UnansweredInvitee {
  inviteeId: string;
  name: string;
  role: string;
  agency: string;
  /** False when no invitation has been created for this person yet. */
  invitationSent: boolean;
}

export interface QuorumAssessment {
  state: QuorumState;
  childrensSocialCare: AgencyRepresentation;
  otherAgenciesWithDirectContact: AgencyRepresentation[];
  otherAgenciesRequired: number;
  /** True or false for initial conferences; null when the police rule does not apply. */
  policeInvited: boolean | null;
  missing: MissingAgency[];
  unanswered: UnansweredInvitee[];
  summary: string;
  suggestedAction: string;
}

/** Answers that put someone in the room (report-only sends a report but does not represent). */
const REPRESENTS: readonly (RsvpAnswer | null)[] = [
  'attending-in-person',
  'attending-virtually',
  'sending-deputy',
];

const agencyKey = (agency: string): string => agency.trim().toLowerCase();

function represent(members: Invitee[], byInvitee: Map<string, Invitation>): AgencyRepresentation {
  const first = members[0] as Invitee;
  const by: string[] = [];
  let mayAttend = false;
  for (const m of members) {
    const inv = byInvitee.get(m.id);
    const answer = inv?.answer ?? null;
    if (answer === null) mayAttend = true;
    else if (answer === 'sending-deputy' && inv?.deputy)
      by.push(`${inv.deputy.name} (in place of ${m.name})`);
    else if (REPRESENTS.includes(answer)) by.push(m.name);
  }
  return { agency: first.agency, agencyKind: first.agencyKind, represented: by.length > 0, by, mayAttend };
}

function missingReason(rep: AgencyRepresentation, members: Invitee[], byInvitee: Map<string, Invitation>) {
  if (rep.mayAttend) return 'not-answered' as const;
  return members.every((m) => byInvitee.get(m.id)?.answer === 'report-only')
    ? ('report-only' as const)
    : ('no-one-attending' as const);
}

const CSC = 'Children’s social care';

/** Where quorum stands now and what the chair could do about it. Pure; reads answers only. */
export function assessQuorum(
  conference: Conference,
  invitations: readonly Invitation[],
  settingsInput: QuorumSettingsInput = {},
): QuorumAssessment {
  const settings = QuorumSettings.parse(settingsInput);
  const byInvitee = new Map(invitations.map((i) => [i.inviteeId, i]));
  const groups = new Map<string, Invitee[]>();
  for (const invitee of conference.invitees) {
    const key = invitee.agencyKind === 'childrens-social-care' ? '#csc' : agencyKey(invitee.agency);
    groups.set(key, [...(groups.get(key) ?? []), invitee]);
  }

  const cscMembers = groups.get('#csc') ?? [];
  const childrensSocialCare: AgencyRepresentation = cscMembers.length
    ? { ...represent(cscMembers, byInvitee), agency: CSC }
    : { agency: CSC, agencyKind: 'childrens-social-care', represented: false, by: [], mayAttend: false };

  const missing: MissingAgency[] = [];
  if (!childrensSocialCare.represented)
    missing.push({
      agency: CSC,
      agencyKind: 'childrens-social-care',
      reason: cscMembers.length ? missingReason(childrensSocialCare, cscMembers, byInvitee) : 'not-invited',
    });

  const others: AgencyRepresentation[] = [];
  for (const [key, members] of groups) {
    if (key === '#csc' || !members.some((m) => m.directContact)) continue;
    const rep = represent(members, byInvitee);
    others.push(rep);
    if (!rep.represented)
      missing.push({
        agency: rep.agency,
        agencyKind: rep.agencyKind,
        reason: missingReason(rep, members, byInvitee),
      });
  }

  const policeApplies = settings.requirePoliceAtInitial && conference.kind === 'initial';
  const policeInvited = policeApplies ? conference.invitees.some((i) => i.agencyKind === 'police') : null;
  if (policeInvited === false)
    missing.push({ agency: 'Police', agencyKind: 'police', reason: 'not-invited' });

  const unanswered: UnansweredInvitee[] = conference.invitees
    .filter((i) => (byInvitee.get(i.id)?.answer ?? null) === null)
    .map((i) => ({
      inviteeId: i.id,
      name: i.name,
      role: i.role,
      agency: i.agency,
      invitationSent: byInvitee.has(i.id),
    }));

  const represented = others.filter((o) => o.represented).length;
  const possible = others.filter((o) => o.represented || o.mayAttend).length;
  const cscPossible = childrensSocialCare.represented || childrensSocialCare.mayAttend;
  const required = settings.otherAgenciesRequired;
  let state: QuorumState =
    childrensSocialCare.represented && represented >= required
      ? 'quorate'
      : cscPossible && possible >= required
        ? 'at-risk'
        : 'inquorate';
  // Inviting the police is within the chair's reach, so it puts quorum at risk rather than out of reach.
  if (policeInvited === false && state === 'quorate') state = 'at-risk';

  const base = {
    state,
    childrensSocialCare,
    otherAgenciesWithDirectContact: others,
    otherAgenciesRequired: required,
  };
  const assessment = { ...base, policeInvited, missing, unanswered, summary: '', suggestedAction: '' };
  return { ...assessment, ...describeQuorum(assessment, represented) };
}

const agencies = (n: number): string => (n === 1 ? '1 other agency' : `${n} other agencies`);

const coming = (n: number, required: number): string =>
  n === 0
    ? 'no other agency with direct contact is coming'
    : `${n < required ? 'only ' : ''}${agencies(n)} with direct contact ${n === 1 ? 'is' : 'are'} coming`;

const soFar = (n: number): string =>
  n === 0
    ? 'no other agency with direct contact is coming yet'
    : `${agencies(n)} with direct contact ${n === 1 ? 'is' : 'are'} coming so far`;

const list = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/**
 * A long list is named in part: a large conference would otherwise make a sentence too long for its
 * card, which then could not be sent at all. Everyone still unanswered is listed on the card below it.
 */
const NAMED = 6;
const atMost = (names: string[]): string[] =>
  names.length <= NAMED
    ? names
    : [...names.slice(0, NAMED - 1), `${names.length - NAMED + 1} others listed below`];

/** The plain-English sentences a chair reads on the readiness card and the warning. */
function describeQuorum(
  a: QuorumAssessment,
  represented: number,
): { summary: string; suggestedAction: string } {
  const need = `${a.otherAgenciesRequired} needed`;
  const csc = a.childrensSocialCare.represented
    ? 'Children’s social care is represented'
    : 'Children’s social care is not represented yet';
  const police = a.policeInvited === false ? ' The police have not been invited.' : '';
  const summaries: Record<QuorumState, string> = {
    quorate: `The conference is quorate: children’s social care and ${agencies(represented)} with direct contact are coming (${need}).`,
    'at-risk': `Quorum is at risk. ${csc}, and ${soFar(represented)} (${need}).${police}`,
    inquorate: `The conference will not be quorate with the answers so far. ${csc}, and ${coming(represented, a.otherAgenciesRequired)} (${need}).`,
  };
  const chase = a.unanswered.filter((u) => u.invitationSent).map((u) => `${u.name} (${u.role}, ${u.agency})`);
  const notSent = a.unanswered.filter((u) => !u.invitationSent).length;
  const absent = a.missing
    .filter((m) => m.reason !== 'not-answered' && m.reason !== 'not-invited')
    .map((m) => m.agency);
  const actions: string[] = [];
  if (a.policeInvited === false)
    actions.push('Invite the police: they are invited to every initial conference.');
  if (notSent > 0) actions.push('Send the invitations that have not gone out yet.');
  if (chase.length) actions.push(`Ask ${list(atMost(chase))} for an answer today.`);
  if (a.state !== 'quorate' && absent.length)
    actions.push(`Ask ${list(atMost(absent))} to send a colleague in place of the person invited.`);
  const reachable = a.otherAgenciesWithDirectContact.filter((o) => o.represented || o.mayAttend).length;
  if (reachable < a.otherAgenciesRequired)
    actions.push('Invite another agency that has direct contact with the child.');
  if (a.state === 'inquorate')
    actions.push(
      'If quorum still cannot be reached, arrange a new date: an inquorate conference needs an interim plan and a new date within 10 working days.',
    );
  return {
    summary: summaries[a.state],
    suggestedAction: actions.join(' ') || 'Nothing to do: quorum is met.',
  };
}

export type Presence = 'present' | 'left' | 'not-arrived';

/**
 * Quorum during the meeting, from who is in the room: someone present counts as attending, someone
 * who left as no longer represented, someone not yet arrived as still possible (so quorum is at risk,
 * amber, rather than lost). Same rule as before the meeting (assessQuorum).
 */
export function assessLiveQuorum(
  conference: Conference,
  presence: (inviteeId: string) => Presence,
  settings: QuorumSettingsInput = {},
): { state: QuorumState; sentence: string } {
  const invitations: Invitation[] = conference.invitees.map((i) => {
    const p = presence(i.id);
    return {
      id: `live-${i.id}`,
      conferenceId: conference.id,
      inviteeId: i.id,
      channel: 'teams',
      answer: p === 'present' ? 'attending-virtually' : p === 'left' ? 'report-only' : null,
      deputy: null,
      answeredAt: null,
      version: 0,
      history: [],
    };
  });
  const a = assessQuorum(conference, invitations, settings);
  const present = a.otherAgenciesWithDirectContact.filter((o) => o.represented).length;
  const csc = a.childrensSocialCare.represented
    ? 'Children’s social care is here'
    : 'Children’s social care is not here';
  const sentences: Record<QuorumState, string> = {
    quorate: `Quorate: ${csc.toLowerCase().replace('is here', 'and')} ${agencies(present)} with direct contact are here (${a.otherAgenciesRequired} needed).`,
    'at-risk': `Quorum is at risk: ${csc}, with ${agencies(present)} with direct contact (${a.otherAgenciesRequired} needed); others have not arrived.`,
    inquorate: `Not quorate: ${csc}, with ${agencies(present)} with direct contact (${a.otherAgenciesRequired} needed).`,
  };
  return { state: a.state, sentence: sentences[a.state] };
}
