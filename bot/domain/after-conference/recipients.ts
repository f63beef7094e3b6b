/**
 * Who receives the decision letter, the minutes and the news that a plan ended (DESIGN.md §1; seed 003
 * §4.1-4.3): everyone invited and the family, minus anyone the conference agreed should not be
 * informed. Family members without an email address get the letter by hand or post from the lead social
 * worker, so they become a task rather than being left out. Pure.
 */
import type { Conference } from '../conference.js';
import { recordPeople, type PersonRole } from '../conference-record/views.js';
import type { RecordState } from '../conference-record/state.js';

export interface Recipient {
  /** The record's person id: 'chair', 'lead-social-worker', 'minute-taker', an invitee or family member id. */
  personId: string;
  name: string;
  role: PersonRole;
  email?: string | undefined;
  aadObjectId?: string | undefined;
}

/** A person the conference agreed should not be told, with the reason the chair recorded. */
export interface Withheld {
  personId: string;
  reason: string;
}

export interface RecipientPlan {
  /** Sent by email (the mail port). */
  byEmail: Recipient[];
  /** Family members with no email address: the lead social worker delivers it. */
  byHand: Recipient[];
  withheld: (Recipient & { reason: string })[];
}

function emailOf(c: Conference, personId: string): string | undefined {
  if (personId === 'chair') return c.chair?.email;
  if (personId === 'lead-social-worker') return c.leadSocialWorker.email;
  if (personId === 'minute-taker') return c.minuteTaker?.email;
  return (
    c.invitees.find((i) => i.id === personId)?.email ?? c.familyMembers.find((f) => f.id === personId)?.email
  );
}

/** Everyone of the conference with their address; a deputy who replaced someone counts like them. */
export function conferenceRecipients(c: Conference): Recipient[] {
  return recordPeople(c).map((p) => ({
    personId: p.id,
    name: p.name,
    role: p.role,
    email: emailOf(c, p.id),
    ...(p.aadObjectId ? { aadObjectId: p.aadObjectId } : {}),
  }));
}

export function recipientPlan(c: Conference, withheld: readonly Withheld[]): RecipientPlan {
  const reasons = new Map(withheld.map((w) => [w.personId, w.reason]));
  const plan: RecipientPlan = { byEmail: [], byHand: [], withheld: [] };
  const seen = new Set<string>();
  for (const r of conferenceRecipients(c)) {
    const reason = reasons.get(r.personId);
    if (reason !== undefined) plan.withheld.push({ ...r, reason });
    else if (r.email && !seen.has(r.email.toLowerCase())) {
      seen.add(r.email.toLowerCase());
      plan.byEmail.push(r);
    } else if (!r.email && r.role === 'family') plan.byHand.push(r);
  }
  return plan;
}

/**
 * Parents (family members with parental responsibility) the record does not show as present at any
 * point: they must be told the decision within 24 hours (seed 003 §4.1).
 */
export function absentParents(c: Conference, record: RecordState): Recipient[] {
  return c.familyMembers
    .filter((f) => f.parentalResponsibility && !record.attendance[f.id]?.arrivedAt)
    .map((f) => ({
      personId: f.id,
      name: `${f.firstName} ${f.lastName}`,
      role: 'family' as const,
      email: f.email,
    }));
}
