/**
 * Kysely's view of the tables created by the migrations in ./migrations. Column names are
 * snake_case as in SQL; conference-rows.ts maps them to the domain types in one place.
 */
import type { ColumnType, Generated } from 'kysely';
import type { AttendanceFormat, ConferenceKind, ConferenceStatus, Staff } from '../domain/conference.js';
import type { AgencyKind, CommunicationNeeds } from '../domain/people.js';

/** timestamptz: read as a Date, written as a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** timestamptz with a default of now(): may be left out of an insert. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
/**
 * jsonb: read as the parsed value, written as JSON text. Writing text (not the object) matters:
 * node-postgres would send a JS array as a PostgreSQL array literal, not as JSON.
 */
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null, string | null>;

export interface ConferencesTable {
  id: string;
  reference: string;
  kind: ConferenceKind;
  status: ConferenceStatus;
  /** date columns are read as 'YYYY-MM-DD' text on both engines (see database.ts). */
  strategy_discussion_date: string;
  previous_conference_date: string | null;
  format: AttendanceFormat;
  /** Local time in England, 'YYYY-MM-DDTHH:mm': what the chair agreed, not an instant. */
  scheduled_start: string | null;
  duration_minutes: number;
  join_url: string | null;
  chair: NullableJson<Staff>;
  lead_social_worker: Json<Staff>;
  minute_taker: NullableJson<Staff>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ChildrenTable {
  id: string;
  conference_id: string;
  /** Keeps the order the social worker entered. */
  position: number;
  first_name: string;
  last_name: string;
  date_of_birth: string;
}

export interface FamilyMembersTable {
  id: string;
  conference_id: string;
  position: number;
  first_name: string;
  last_name: string;
  relationship: string;
  parental_responsibility: boolean;
  email: string | null;
  communication_needs: Json<CommunicationNeeds>;
  /** Ids of family_members rows in the same conference. */
  may_not_attend_with: string[];
}

export interface InviteesTable {
  id: string;
  conference_id: string;
  position: number;
  name: string;
  email: string;
  role: string;
  agency: string;
  agency_kind: AgencyKind;
  direct_contact: boolean;
  aad_object_id: string | null;
  /** Set when this person was sent in another invitee's place. */
  deputy_for: ColumnType<string | null, string | null | undefined, string | null>;
  /** Told when this person's report is late (migration 0006). */
  manager_email: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ConferenceStatusHistoryTable {
  seq: Generated<string>;
  conference_id: string;
  from_status: ConferenceStatus | null;
  to_status: ConferenceStatus;
  at: Timestamp;
  reason: string | null;
}

export interface ReferenceCountersTable {
  year: number;
  last_number: number;
}

export interface ConversationReferencesTable {
  /** An Entra object id (a person) or a conversation id (a chat or channel). */
  key: string;
  reference: Json<Record<string, unknown>>;
  updated_at: DefaultedTimestamp;
}

export type InvitationChannel = 'teams' | 'email';
export type RsvpChannel = 'card' | 'api' | 'calendar' | 'chair';

export interface InvitationsTable {
  id: string;
  conference_id: string;
  invitee_id: string;
  channel: InvitationChannel;
  answer: string | null;
  deputy_name: string | null;
  deputy_email: string | null;
  activity_id: string | null;
  answered_at: NullableTimestamp;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  version: ColumnType<number, number | undefined, number>;
  withdrawn_at: NullableTimestamp;
}

export interface RsvpAnswersTable {
  id: string;
  invitation_id: string;
  answer: string;
  deputy_name: string | null;
  deputy_email: string | null;
  answered_by: string;
  channel: RsvpChannel;
  at: Timestamp;
  idempotency_key: string;
  actor_kind: string;
  recorded_at: Timestamp;
  applied: boolean;
}

export interface OutboxTable {
  id: string;
  kind: string;
  payload: Json<unknown>;
  dedupe_key: string | null;
  created_at: DefaultedTimestamp;
  next_attempt_at: DefaultedTimestamp;
  sent_at: NullableTimestamp;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
}

export interface Database {
  conferences: ConferencesTable;
  children: ChildrenTable;
  family_members: FamilyMembersTable;
  invitees: InviteesTable;
  conference_status_history: ConferenceStatusHistoryTable;
  reference_counters: ReferenceCountersTable;
  conversation_references: ConversationReferencesTable;
  invitations: InvitationsTable;
  rsvp_answers: RsvpAnswersTable;
  outbox: OutboxTable;
  audit_events: AuditEventsTable;
  reports: ReportsTable;
  report_versions: ReportVersionsTable;
  report_reads: ReportReadsTable;
  report_shares: ReportSharesTable;
  readiness_decisions: ReadinessDecisionsTable;
  case_system_messages: CaseSystemMessagesTable;
  conference_record_events: ConferenceRecordEventsTable;
  report_links: ReportLinksTable;
  decision_letters: DecisionLettersTable;
  minutes_approvals: MinutesApprovalsTable;
  follow_up_tasks: FollowUpTasksTable;
  plan_endings: PlanEndingsTable;
  // Core groups (0010_core_groups).
  core_group_meetings: CoreGroupMeetingsTable;
  core_group_slot_answers: CoreGroupSlotAnswersTable;
  core_group_progress_updates: CoreGroupProgressUpdatesTable;
}

/** Append-only (0004_audit): the database refuses UPDATE, DELETE and TRUNCATE. */
export interface AuditEventsTable {
  /** bigint identity, read as text so that no engine rounds it. */
  id: ColumnType<string, never, never>;
  at: DefaultedTimestamp;
  actor: string;
  actor_role: string;
  surface: string;
  action: string;
  entity: string;
  entity_id: string | null;
  conference_id: string | null;
  correlation_id: string;
  detail: Json<Record<string, string | number | boolean | null>>;
}

/** Agency reports (0003_reports); report_versions is append-only (the database refuses UPDATE). */
export interface ReportsTable {
  id: string;
  conference_id: string;
  invitee_id: string | null;
  /** The family member whose own views these are (0005_report_links). */
  family_member_id: ColumnType<string | null, string | null | undefined, string | null>;
  kind: string;
  status: 'draft' | 'submitted';
  current_version: ColumnType<number, number | undefined, number>;
  submitted_at: NullableTimestamp;
  late: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultedTimestamp;
}

export interface ReportVersionsTable {
  report_id: string;
  version: number;
  content: Json<unknown>;
  plain_language: Json<unknown>;
  saved_by: string;
  saved_at: Timestamp;
  submitted: boolean;
}

export interface ReportReadsTable {
  id: string;
  report_id: string;
  version: number;
  reader: string;
  at: Timestamp;
}

export interface ReportSharesTable {
  id: string;
  report_id: string;
  at: Timestamp;
  how: string;
  shared_by: string;
  family_response: string;
  recorded_at: DefaultedTimestamp;
}

export interface ReadinessDecisionsTable {
  id: string;
  conference_id: string;
  decision: 'go-ahead' | 'postpone';
  reason: string;
  new_start: string | null;
  within_timescale: boolean | null;
  timescale: string | null;
  delay_explanation: string | null;
  decided_by: string;
  at: Timestamp;
}

/** Messages to the council's case-management system (0009_case_system). */
export interface CaseSystemMessagesTable {
  id: string;
  conference_id: string;
  event: string;
  occurred_at: Timestamp;
  body: Json<unknown>;
  acknowledged_at: NullableTimestamp;
  last_status: number | null;
}

/** The conference record's events (0007_conference_record); append-only, one version per row. */
export interface ConferenceRecordEventsTable {
  conference_id: string;
  version: number;
  type: string;
  actor: string;
  at: Timestamp;
  data: Json<Record<string, unknown>>;
}

/** Links to the report form for people without Teams (0005_report_links); the token is never stored. */
export interface ReportLinksTable {
  id: string;
  conference_id: string;
  invitee_id: string | null;
  family_member_id: string | null;
  purpose: 'agency-report' | 'family-views';
  created_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
  last_used_at: NullableTimestamp;
}

/** After the conference (0011_after_conference). */
export interface DecisionLettersTable {
  conference_id: string;
  approved_by: string;
  approved_at: Timestamp;
  withheld: Json<{ personId: string; reason: string }[]>;
  sent_to: Json<string[]>;
  by_hand: Json<string[]>;
}

export interface MinutesApprovalsTable {
  conference_id: string;
  approved_by: string;
  approved_at: Timestamp;
  confirmed: Json<string[]>;
  sent_to: Json<string[]>;
}

export interface FollowUpTasksTable {
  id: string;
  conference_id: string;
  kind: string;
  person_id: string;
  due_at: Timestamp;
  created_at: Timestamp;
  done_at: NullableTimestamp;
  done_by: string | null;
  note: string | null;
  escalated_at: NullableTimestamp;
}

export interface PlanEndingsTable {
  conference_id: string;
  reason: string;
  /** 'YYYY-MM-DD' (dates stay text). */
  ended_on: string;
  note: string;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** Core group meetings (0010_core_groups). */
export interface CoreGroupMeetingsTable {
  id: string;
  conference_id: string;
  number: number;
  status: 'proposed' | 'scheduled' | 'held' | 'cancelled';
  starts_at: NullableTimestamp;
  duration_minutes: number;
  due_on: string;
  offered_slots: Json<{ start: string; end: string; label: string }[]>;
  calendar_event_id: string | null;
  held_at: NullableTimestamp;
  /** When and why it was cancelled (0012_core_group_cancel). */
  cancelled_at: NullableTimestamp;
  cancelled_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Each member's answer to a proposed meeting's times (0010_core_groups). */
export interface CoreGroupSlotAnswersTable {
  meeting_id: string;
  person_id: string;
  can_come: Json<string[]>;
  at: Timestamp;
}

/** Progress per plan action (0010_core_groups); append-only (the database refuses UPDATE and DELETE). */
export interface CoreGroupProgressUpdatesTable {
  id: string;
  conference_id: string;
  meeting_id: string;
  action_id: string;
  status: 'on-track' | 'at-risk' | 'not-done' | 'done';
  comment: string;
  by_person: string;
  by_aad: string | null;
  at: Timestamp;
}
