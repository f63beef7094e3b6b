/**
 * The one place where conference rows and domain objects are mapped to each other, so that a
 * column rename or a new field touches this file alone.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Conference, ConferenceRequest, Staff, StatusChange } from '../domain/conference.js';
import type {
  ChildrenTable,
  ConferencesTable,
  ConferenceStatusHistoryTable,
  FamilyMembersTable,
  InviteesTable,
} from './schema.js';

/** A conference as stored: the domain object plus the version an update must quote. */
export type StoredConference = Conference & { version: number };

export interface ConferenceRows {
  conference: Selectable<ConferencesTable>;
  children: Selectable<ChildrenTable>[];
  familyMembers: Selectable<FamilyMembersTable>[];
  invitees: Selectable<InviteesTable>[];
  history: Selectable<ConferenceStatusHistoryTable>[];
}

/** Omits absent optional fields rather than carrying nulls into the domain. */
const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

const staff = (s: Staff | null): Staff | undefined =>
  s === null ? undefined : { name: s.name, email: s.email, aadObjectId: opt(s.aadObjectId ?? null) };

const staffJson = (s: Staff | undefined): string | null =>
  s === undefined ? null : JSON.stringify({ name: s.name, email: s.email, aadObjectId: s.aadObjectId });

export function toConference(rows: ConferenceRows): StoredConference {
  const c = rows.conference;
  return {
    id: c.id,
    reference: c.reference,
    kind: c.kind,
    status: c.status,
    strategyDiscussionDate: c.strategy_discussion_date,
    previousConferenceDate: opt(c.previous_conference_date),
    format: c.format,
    scheduledStart: opt(c.scheduled_start),
    durationMinutes: c.duration_minutes,
    joinUrl: opt(c.join_url),
    chair: staff(c.chair),
    leadSocialWorker: staff(c.lead_social_worker) as Staff,
    minuteTaker: staff(c.minute_taker),
    children: rows.children.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      dateOfBirth: r.date_of_birth,
    })),
    familyMembers: rows.familyMembers.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      relationship: r.relationship,
      parentalResponsibility: r.parental_responsibility,
      email: opt(r.email),
      communicationNeeds: r.communication_needs,
      mayNotAttendWith: r.may_not_attend_with,
    })),
    invitees: rows.invitees.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      role: r.role,
      agency: r.agency,
      agencyKind: r.agency_kind,
      directContact: r.direct_contact,
      aadObjectId: opt(r.aad_object_id),
      deputyFor: opt(r.deputy_for),
      managerEmail: opt(r.manager_email),
    })),
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
    statusHistory: rows.history.map(toStatusChange),
    version: c.version,
  };
}

export const toStatusChange = (r: Selectable<ConferenceStatusHistoryTable>): StatusChange => ({
  from: r.from_status,
  to: r.to_status,
  at: r.at.toISOString(),
  reason: opt(r.reason),
});

/** Rows for a new conference; ids are made here so family members can point at each other. */
export function newConferenceRows(
  request: ConferenceRequest,
  reference: string,
  now: Date,
  newId: () => string,
): {
  conference: Insertable<ConferencesTable>;
  children: Insertable<ChildrenTable>[];
  familyMembers: Insertable<FamilyMembersTable>[];
  invitees: Insertable<InviteesTable>[];
} {
  const id = newId();
  const familyIds = new Map(request.familyMembers.map((f) => [f.key, newId()]));
  const familyId = (key: string): string => {
    const found = familyIds.get(key);
    if (!found) throw new Error('A family member names someone who is not in the request.');
    return found;
  };
  return {
    conference: {
      id,
      reference,
      kind: request.kind,
      status: 'requested',
      strategy_discussion_date: request.strategyDiscussionDate,
      previous_conference_date: request.previousConferenceDate ?? null,
      format: request.format,
      scheduled_start: request.scheduledStart ?? null,
      duration_minutes: request.durationMinutes,
      join_url: null,
      chair: staffJson(request.chair),
      lead_social_worker: staffJson(request.leadSocialWorker) as string,
      minute_taker: staffJson(request.minuteTaker),
      created_at: now,
      updated_at: now,
      version: 1,
    },
    children: request.children.map((c, position) => ({
      id: newId(),
      conference_id: id,
      position,
      first_name: c.firstName,
      last_name: c.lastName,
      date_of_birth: c.dateOfBirth,
    })),
    familyMembers: request.familyMembers.map((f, position) => ({
      id: familyId(f.key),
      conference_id: id,
      position,
      first_name: f.firstName,
      last_name: f.lastName,
      relationship: f.relationship,
      parental_responsibility: f.parentalResponsibility,
      email: f.email ?? null,
      communication_needs: JSON.stringify(f.communicationNeeds),
      may_not_attend_with: f.mayNotAttendWith.map(familyId),
    })),
    invitees: request.invitees.map((i, position) => ({
      id: newId(),
      conference_id: id,
      position,
      name: i.name,
      email: i.email,
      role: i.role,
      agency: i.agency,
      agency_kind: i.agencyKind,
      direct_contact: i.directContact,
      aad_object_id: i.aadObjectId ?? null,
      manager_email: i.managerEmail ?? null,
    })),
  };
}
