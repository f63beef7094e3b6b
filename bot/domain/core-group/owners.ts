/**
 * Who is asked to update each plan action. The plan's "who" is free text written in the conference
 * ("Hana Healthvisitor", "the social worker", "Mum and Dad"), so it is matched to the conference's
 * people by name or by role words. Anything that names no one clearly, or names the family, goes to the
 * lead social worker, who updates it with the family (family members have no Teams; seed 004: the
 * social worker works with the family on the plan).
 */
import type { Conference } from '../conference.js';
import type { PlanAction, RestrictedPart } from '../conference-record/state.js';
import { recordPeople } from '../conference-record/views.js';
import type { RecordPerson } from '../conference-record/views.js';

export interface ActionOwner {
  person: RecordPerson;
  actions: PlanAction[];
  /** Actions that are the family's or name no one: the lead social worker updates them with the family. */
  withFamily: string[];
}

const words = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\(.*?\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const contains = (haystack: string, needle: string) =>
  needle.length > 0 && ` ${haystack} `.includes(` ${needle} `);

/** Role words that name the lead social worker or the chair without a name. */
const LEAD_WORDS = ['social worker', 'lead social worker', 'sw', 'lead professional'];
const CHAIR_WORDS = ['chair', 'conference chair', 'iro', 'independent reviewing officer'];

/**
 * The person `who` names, if exactly one: a full name (any case), else a role word for the lead social
 * worker or the chair, else an invitee's role ("health visitor", "school nurse"). Undefined when no one
 * or more than one person matches.
 */
export function matchOwner(
  who: string,
  people: readonly RecordPerson[],
  rolesByInvitee: ReadonlyMap<string, string> = new Map(),
): RecordPerson | undefined {
  const w = words(who);
  const one = (list: RecordPerson[]) => (new Set(list.map((p) => p.id)).size === 1 ? list[0] : undefined);
  const byName = people.filter((p) => contains(w, words(p.name)));
  if (byName.length) return one(byName);
  const staff = people.filter((p) => p.role !== 'family');
  const lead = staff.find((p) => p.role === 'lead-social-worker');
  const chair = staff.find((p) => p.role === 'chair');
  const byRole = staff.filter((p) => {
    const role = p.inviteeId ? rolesByInvitee.get(p.inviteeId) : undefined;
    return role !== undefined && contains(w, words(role)) && p.role !== 'lead-social-worker';
  });
  if (byRole.length) return one(byRole);
  if (lead && LEAD_WORDS.some((r) => contains(w, r))) return lead;
  if (chair && CHAIR_WORDS.some((r) => contains(w, r))) return chair;
  return undefined;
}

/**
 * One entry per person asked for updates, the lead social worker first. Family members and anything
 * unmatched go to the lead social worker (to update with the family). An action written in a restricted
 * part never goes to someone excluded from that part (seed 003; DESIGN.md §1): the lead social worker
 * updates it instead, and not with the family.
 */
export function actionOwners(
  conference: Conference,
  actions: readonly PlanAction[],
  restrictedParts: readonly Pick<RestrictedPart, 'id' | 'excludedPersonIds'>[] = [],
): ActionOwner[] {
  const people = recordPeople(conference);
  const roles = new Map(conference.invitees.map((i) => [i.id, i.role]));
  const lead = people.find((p) => p.role === 'lead-social-worker');
  if (!lead) return [];
  const owners = new Map<string, ActionOwner>([[lead.id, { person: lead, actions: [], withFamily: [] }]]);
  for (const action of actions) {
    const matched = matchOwner(action.who, people, roles);
    const part = action.partId ? restrictedParts.find((p) => p.id === action.partId) : undefined;
    const restricted = action.restricted || Boolean(part);
    const excluded = Boolean(matched && part?.excludedPersonIds.includes(matched.id));
    const person: RecordPerson = matched && matched.role !== 'family' && !excluded ? matched : lead;
    const entry = owners.get(person.id) ?? { person, actions: [], withFamily: [] };
    entry.actions.push(action);
    if (person === lead && matched?.id !== lead.id && !restricted) entry.withFamily.push(action.id);
    owners.set(person.id, entry);
  }
  return [...owners.values()].filter((o) => o.actions.length > 0);
}

/** The record person id who owns the action (for checking who may update it). */
export function ownerOf(
  conference: Conference,
  action: PlanAction,
  restrictedParts: readonly Pick<RestrictedPart, 'id' | 'excludedPersonIds'>[] = [],
): string | undefined {
  return actionOwners(conference, [action], restrictedParts)[0]?.person.id;
}
