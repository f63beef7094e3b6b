/**
 * The review conference a plan needs (seed 003 §4.4-4.5; DESIGN.md §1): the same children, family and
 * agencies, with the conference that made the plan as the previous one, so the timescales module dates
 * it (first within 3 months, then within 6). The chair may ask for it early when the plan is not working;
 * the due date is the latest it may be held, never the earliest. Pure.
 */
import type { Conference, ConferenceRequestInput } from '../conference.js';

/** Invitees who came as deputies were there for someone else: the review invites the agency's own person. */
export function reviewRequest(c: Conference, previousConferenceDate: string): ConferenceRequestInput {
  const keyOf = new Map(c.familyMembers.map((f, i) => [f.id, `family-${i + 1}`]));
  const staff = (s: { name: string; email: string; aadObjectId?: string | undefined }) => ({
    name: s.name,
    email: s.email,
    ...(s.aadObjectId ? { aadObjectId: s.aadObjectId } : {}),
  });
  return {
    kind: 'review',
    strategyDiscussionDate: c.strategyDiscussionDate,
    previousConferenceDate,
    format: c.format,
    durationMinutes: c.durationMinutes,
    ...(c.chair ? { chair: staff(c.chair) } : {}),
    leadSocialWorker: staff(c.leadSocialWorker),
    ...(c.minuteTaker ? { minuteTaker: staff(c.minuteTaker) } : {}),
    children: c.children.map((ch) => ({
      firstName: ch.firstName,
      lastName: ch.lastName,
      dateOfBirth: ch.dateOfBirth,
    })),
    familyMembers: c.familyMembers.map((f) => ({
      key: keyOf.get(f.id) as string,
      firstName: f.firstName,
      lastName: f.lastName,
      relationship: f.relationship as NonNullable<
        ConferenceRequestInput['familyMembers']
      >[number]['relationship'],
      parentalResponsibility: f.parentalResponsibility,
      ...(f.email ? { email: f.email } : {}),
      communicationNeeds: f.communicationNeeds,
      mayNotAttendWith: f.mayNotAttendWith.map((id) => keyOf.get(id)).filter((k) => k !== undefined),
    })),
    invitees: c.invitees
      .filter((i) => !i.deputyFor)
      .map((i) => ({
        name: i.name,
        email: i.email,
        role: i.role,
        agency: i.agency,
        agencyKind: i.agencyKind,
        directContact: i.directContact,
        ...(i.aadObjectId ? { aadObjectId: i.aadObjectId } : {}),
        ...(i.managerEmail ? { managerEmail: i.managerEmail } : {}),
      })),
  };
}
