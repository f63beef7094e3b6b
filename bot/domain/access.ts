/**
 * Who may do what with a conference's record: the role of a signed-in person in one conference
 * (from the stored conference) and what each role allows. Pure; the record routes ask it.
 */
import type { Conference } from './conference.js';

export interface Principal {
  aadObjectId: string;
  name: string;
  tenantId: string;
}

export const ConferenceRoles = [
  'chair',
  'lead-social-worker',
  'minute-taker',
  'professional',
  'family',
  'manager',
] as const;
export type ConferenceRole = (typeof ConferenceRoles)[number];

export type RecordAbility =
  /** Change the record: checklist, agenda, attendance, restricted parts, grid, plan, decision, prompts. */
  'change-record' | 'add-grid-item' | 'give-own-score' | 'read-stage' | 'read-chair';

/** Every part the person has in this conference (someone may be both lead social worker and invitee). */
export function rolesOf(
  conference: Conference,
  aadObjectId: string,
  managerIds: readonly string[] = [],
): ConferenceRole[] {
  const roles: ConferenceRole[] = [];
  if (conference.chair?.aadObjectId === aadObjectId) roles.push('chair');
  if (conference.leadSocialWorker.aadObjectId === aadObjectId) roles.push('lead-social-worker');
  if (conference.minuteTaker?.aadObjectId === aadObjectId) roles.push('minute-taker');
  if (conference.invitees.some((i) => i.aadObjectId === aadObjectId)) roles.push('professional');
  if (managerIds.includes(aadObjectId)) roles.push('manager');
  return roles;
}

/**
 * The person's part as the audit trail records it: their roles in the conference joined with '+', e.g.
 * 'chair' or 'lead-social-worker+professional'; 'no-part' when they have none (a refused attempt).
 */
export const auditRole = (roles: readonly ConferenceRole[]): string =>
  roles.length ? roles.join('+') : 'no-part';

/** Whether any of the roles allows the ability. The lead social worker runs the record only when no chair is assigned. */
export function may(
  roles: readonly ConferenceRole[],
  ability: RecordAbility,
  conference: Conference,
): boolean {
  const runs =
    roles.includes('chair') || (roles.includes('lead-social-worker') && !conference.chair?.aadObjectId);
  const participant = roles.some((r) => r !== 'manager');
  switch (ability) {
    case 'change-record':
      return runs;
    case 'add-grid-item':
      return runs || roles.includes('minute-taker');
    case 'give-own-score':
      return participant;
    case 'read-stage':
      return roles.length > 0;
    case 'read-chair':
      return roles.some(
        (r) => r === 'chair' || r === 'lead-social-worker' || r === 'minute-taker' || r === 'manager',
      );
  }
}

/** The view a person gets by default: the chair's view for those who may read it, else the stage. */
export const defaultView = (roles: readonly ConferenceRole[], conference: Conference): 'chair' | 'stage' =>
  may(roles, 'read-chair', conference) ? 'chair' : 'stage';

/**
 * The role matrix: who may use each API route (by `METHOD path`, as the router declares it) and each
 * card verb, for a conference. Enforced for the API at the HTTP edge (bot/http/role-access.ts); the card
 * verbs' handlers check the same parts themselves (invitee or organiser) and this table says what they
 * must allow. test/integration/role-matrix.test.ts writes the expected cells out again, by hand.
 *
 * Roles with no API access at all:
 * - family: family members have no Entra id stored, so nobody signs in as one yet;
 * - external link holder: a professional without Teams holds a signed link; their only door is /r/:token
 *   (the link is the permission, see bot/http/report-form-routes.ts), never this API.
 */
export type Door =
  /** Any signed-in staff member of the tenant: requesting a conference, one's own overview. */
  | { kind: 'tenant' }
  /** A list across conferences: answered with those where the person has a part (all for a manager). */
  | { kind: 'list' }
  /** Oversight only: the whole set spans every conference, so it is for managers alone. */
  | { kind: 'managers' }
  /** One conference (the `:id` path parameter or the card's conferenceId): these parts may use it. */
  | { kind: 'conference'; roles: readonly ConferenceRole[] };

/** The roles that hold an Entra id and so can sign in; family members cannot yet (see above). */
export const ApiRoles = ['chair', 'lead-social-worker', 'minute-taker', 'professional', 'manager'] as const;

const on = (...roles: ConferenceRole[]): Door => ({ kind: 'conference', roles });
/** The chair, lead social worker and minute-taker (business support) run the conference's paperwork. */
const RUN = ['chair', 'lead-social-worker', 'minute-taker'] as const;
/** Anyone with a part, managers included: the record routes then decide per view and command (`may`). */
const ANY_PART = [...RUN, 'professional', 'manager'] as const;

export const API_ACCESS: Readonly<Record<string, Door>> = {
  'post /api/conferences': { kind: 'tenant' },
  'get /api/conferences': { kind: 'list' },
  'get /api/conferences/:id': on(...ANY_PART),
  'post /api/conferences/:id/status': on(...RUN),
  'post /api/conferences/:id/schedule': on(...RUN),
  'post /api/conferences/:id/invitations': on(...RUN),
  'get /api/conferences/:id/readiness': on(...RUN, 'manager'),
  // A professional answers their own invitation; the organisers record answers given by phone.
  'post /api/conferences/:id/invitations/:invitationId/answers': on(...RUN, 'professional'),
  'get /api/conferences/:id/core-group-slots': on(...RUN),
  // Reports: a professional writes their own; those who run the conference also enter reports that came
  // by other means. The reading list is for those who run it and managers; only they mark reports read.
  'post /api/conferences/:id/reports': on(...RUN, 'professional'),
  'get /api/conferences/:id/reports': on(...RUN, 'manager'),
  'get /api/conferences/:id/reports/:reportId': on(...RUN, 'professional', 'manager'),
  'put /api/conferences/:id/reports/:reportId/draft': on(...RUN, 'professional'),
  'post /api/conferences/:id/reports/:reportId/submit': on(...RUN, 'professional'),
  'post /api/conferences/:id/reports/:reportId/read': on(...RUN),
  'post /api/conferences/:id/reports/:reportId/shares': on(...RUN, 'professional'),
  // Going ahead or postponing at the reading deadline is the chair's call (seed 003 §1.6).
  'post /api/conferences/:id/readiness-decision': on('chair'),
  'post /api/conferences/:id/report-links': on(...RUN),
  'get /api/conferences/:id/report-links': on(...RUN, 'manager'),
  'post /api/conferences/:id/report-links/:linkId/revoke': on(...RUN),
  'get /api/conferences/:id/audit': on(...RUN, 'manager'),
  'get /api/conferences/:id/audit/export': on(...RUN, 'manager'),
  // Messages for the case-management system span every conference: an oversight export.
  'get /api/case-system/messages': { kind: 'managers' },
  'get /api/conferences/:id/record': on(...ANY_PART),
  // Managers change nothing; which command each participant may give is decided by `may`.
  'post /api/conferences/:id/record/commands': on(...RUN, 'professional'),
  'get /api/conferences/:id/record/stream': on(...ANY_PART),
  // After the conference: the chair approves what is sent (seed 003 §4.3, §4.6); the lead social worker
  // does the follow-ups; business support arranges the review; managers oversee.
  'get /api/conferences/:id/after': on(...RUN, 'manager'),
  'get /api/conferences/:id/letter': on(...RUN, 'manager'),
  'post /api/conferences/:id/letter/approve': on('chair'),
  'get /api/conferences/:id/minutes': on(...RUN),
  'post /api/conferences/:id/minutes/approve': on('chair'),
  'post /api/conferences/:id/tasks/:taskId/done': on('chair', 'lead-social-worker'),
  'post /api/conferences/:id/plan-end': on('chair', 'lead-social-worker'),
  'post /api/conferences/:id/review': on(...RUN),
  // Figures over the conferences a person has a part in (all of them for a manager).
  'get /api/oversight': { kind: 'list' },
  // Core groups: those who run the conference and managers read; the chair and lead social worker change;
  // a core group professional reads their own actions (the route narrows what they see).
  'get /api/conferences/:id/core-group': on('chair', 'lead-social-worker', 'manager', 'professional'),
  'post /api/conferences/:id/core-group/meetings': on('chair', 'lead-social-worker'),
  'post /api/conferences/:id/core-group/meetings/:meetingId/schedule': on('chair', 'lead-social-worker'),
  'post /api/conferences/:id/core-group/meetings/:meetingId/cancel': on('chair', 'lead-social-worker'),
  // Owners update their own actions; the chair and lead social worker any (checked in the use case).
  'post /api/conferences/:id/core-group/meetings/:meetingId/progress': on(
    'chair',
    'lead-social-worker',
    'professional',
  ),
  'post /api/conferences/:id/core-group/meetings/:meetingId/held': on('chair', 'lead-social-worker'),
  'get /api/conferences/:id/core-group/report': on('chair', 'lead-social-worker', 'manager', 'professional'),
  'get /api/me': { kind: 'tenant' },
  'get /api/me/overview': { kind: 'tenant' },
};

/**
 * Card verbs, keyed by verb (cards/verbs.ts). The answers to an invitation are the invitee's own
 * (the professional); the readiness cards and sending are for those who run the conference. Managers
 * oversee in the tab, not through chat cards.
 */
export const VERB_ACCESS: Readonly<Record<string, Door>> = {
  'welcome.show': { kind: 'tenant' },
  'conferences.mine': { kind: 'list' },
  'reports.mine': { kind: 'list' },
  'rsvp.attendInPerson': on('professional'),
  'rsvp.attendVirtually': on('professional'),
  'rsvp.sendDeputy': on('professional'),
  'rsvp.reportOnly': on('professional'),
  'rsvp.change': on('professional'),
  'rsvp.refresh': on('professional'),
  'readiness.refresh': on(...RUN),
  'rsvp.recordFor': on(...RUN),
  'invitations.send': on(...RUN),
  'readiness.goAhead': on('chair'),
  'readiness.postpone': on('chair'),
  // Core groups: members answer the offered times; owners (and the chair and lead social worker) update.
  'coreGroup.slots.answer': on('lead-social-worker', 'professional'),
  'coreGroup.slots.none': on('lead-social-worker', 'professional'),
  'coreGroup.slots.refresh': on('lead-social-worker', 'professional'),
  'coreGroup.progress.send': on('chair', 'lead-social-worker', 'professional'),
  'coreGroup.progress.refresh': on('chair', 'lead-social-worker', 'professional'),
};

export type Refusal = 'NOT_YOUR_CONFERENCE' | 'NOT_ALLOWED_FOR_ROLE';

/**
 * Why a person with these roles in the conference may not use the door, or undefined when they may.
 * While no chair is assigned the lead social worker holds the chair's doors, as with `may`.
 */
export function refusalFor(
  door: Door,
  roles: readonly ConferenceRole[],
  conference?: Conference,
): Refusal | undefined {
  switch (door.kind) {
    case 'tenant':
    case 'list':
      return undefined;
    case 'managers':
      return roles.includes('manager') ? undefined : 'NOT_ALLOWED_FOR_ROLE';
    case 'conference':
      if (roles.length === 0) return 'NOT_YOUR_CONFERENCE';
      return roles.some(
        (r) =>
          door.roles.includes(r) ||
          (r === 'lead-social-worker' && door.roles.includes('chair') && !conference?.chair?.aadObjectId),
      )
        ? undefined
        : 'NOT_ALLOWED_FOR_ROLE';
  }
}
