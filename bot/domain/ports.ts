import type { AnswerResult, Invitation } from './rsvp.js';
import type { ReportLink } from './report-links.js';
import type { CoreGroupMeeting, OfferedSlot, ProgressUpdate } from './core-group/model.js';
import type {
  ReadinessDecision,
  Report,
  ReportKind,
  ReportRead,
  ReportShare,
  ReportVersion,
} from './reports.js';
import type {
  AttendanceFormat,
  Conference,
  ConferenceKind,
  ConferenceRequest,
  ConferenceStatus,
  StatusChange,
} from './conference.js';

/** A conference with the version used for optimistic concurrency. */
export type StoredConference = Conference & { version: number };

/** What a list shows: no names beyond the chair's, children by initials only (DESIGN.md §3). */
export interface ConferenceSummary {
  id: string;
  reference: string;
  kind: ConferenceKind;
  status: ConferenceStatus;
  format: AttendanceFormat;
  strategyDiscussionDate: string;
  scheduledStart?: string | undefined;
  chairName?: string | undefined;
  childInitials: string[];
  createdAt: string;
  version: number;
}

/** The storage port for conferences (STYLE.md #4); bot/store/conference-repository.ts implements it. */
export interface ConferenceStore {
  createConference(request: ConferenceRequest, now: Date): Promise<StoredConference>;
  getConference(id: string): Promise<StoredConference | undefined>;
  getConferenceByReference(reference: string): Promise<StoredConference | undefined>;
  /** Newest first. */
  listConferences(query: {
    status?: ConferenceStatus | undefined;
    limit: number;
    offset: number;
    /** Only conferences this person (Entra object id) chairs, leads, minutes or is invited to. */
    participant?: string | undefined;
  }): Promise<ConferenceSummary[]>;
  /** Throws a version conflict when the conference changed since `expectedVersion` was read. */
  updateStatus(id: string, change: StatusChange, expectedVersion: number): Promise<StoredConference>;
  setSchedule(id: string, scheduledStart: string, joinUrl?: string): Promise<StoredConference>;
}

/** An invitation as stored: the domain record plus delivery details. */
export interface InvitationRecord extends Invitation {
  /** The Teams message holding this person's card, for in-place updates. */
  activityId: string | null;
  /** A deputy who is no longer needed. */
  withdrawn: boolean;
}

/** Messages the outbox delivers; payloads carry ids only, the content is rendered at send time. */
export type OutboxMessage =
  | { kind: 'invitation'; payload: { invitationId: string }; dedupeKey: string }
  | { kind: 'reminder'; payload: { invitationId: string }; dedupeKey: string }
  | { kind: 'readiness'; payload: { conferenceId: string }; dedupeKey: string }
  | { kind: 'quorum-warning'; payload: { conferenceId: string }; dedupeKey: string }
  /** Create or update the conference's calendar events (one per part) with their Teams meetings. */
  | { kind: 'calendar'; payload: { conferenceId: string }; dedupeKey: string }
  | { kind: 'calendar-cancel'; payload: { conferenceId: string; message: string }; dedupeKey: string }
  /** A report not in yet: its writer is reminded (card in Teams, else email). */
  | { kind: 'report-reminder'; payload: { conferenceId: string; invitationId: string }; dedupeKey: string }
  /** Reports missing after the deadline: the chair is told. */
  | { kind: 'report-late'; payload: { conferenceId: string }; dedupeKey: string }
  /** A late writer's manager contact is told by email. */
  | {
      kind: 'report-late-manager';
      payload: { conferenceId: string; invitationId: string };
      dedupeKey: string;
    }
  /** The chair's readiness card at the reading deadline, asking for a decision when needed. */
  | { kind: 'report-readiness'; payload: { conferenceId: string }; dedupeKey: string }
  /** A plan started, changed or ended: the council's case-management system is told (webhook). */
  | { kind: 'case-system'; payload: { messageId: string; conferenceId: string }; dedupeKey: string }
  /** The email holding a report link; the token is signed again at send time, never stored. */
  | { kind: 'report-link'; payload: { linkId: string }; dedupeKey: string }
  // After the conference (bot/use-cases/after-conference.ts): each to one person of the record.
  /** The approved decision letter with the outline plan (PDF) to one recipient. */
  | { kind: 'decision-letter'; payload: { conferenceId: string; personId: string }; dedupeKey: string }
  /** The approved minutes: the copy this person may have. */
  | { kind: 'minutes'; payload: { conferenceId: string; personId: string }; dedupeKey: string }
  /** A plan ended without a review: everyone invited to the last conference is told. */
  | { kind: 'plan-ended'; payload: { conferenceId: string; personId: string }; dedupeKey: string }
  /** A follow-up task for the lead social worker, and its escalation to the chair when overdue. */
  | { kind: 'follow-up-task'; payload: { conferenceId: string; taskId: string }; dedupeKey: string }
  | { kind: 'follow-up-overdue'; payload: { conferenceId: string; taskId: string }; dedupeKey: string }
  /** The minutes are past their deadline and not approved: the chair and managers are told. */
  | { kind: 'minutes-overdue'; payload: { conferenceId: string }; dedupeKey: string }
  // Core groups after the conference (bot/use-cases/core-groups.ts).
  /** The scheduling card (offered times) to one core group member; email when Teams cannot reach them. */
  | { kind: 'core-group-slots'; payload: { meetingId: string; personId: string }; dedupeKey: string }
  /** The calendar event for a core group meeting whose time was fixed. */
  | { kind: 'core-group-calendar'; payload: { meetingId: string }; dedupeKey: string }
  | { kind: 'core-group-cancelled'; payload: { meetingId: string }; dedupeKey: string }
  /** One owner's progress card before a core group meeting (seed 002). */
  | { kind: 'core-group-progress'; payload: { meetingId: string; personId: string }; dedupeKey: string }
  /** Actions not done or overdue, to the lead social worker or the chair (seed 003 §2.11, §5.1). */
  | {
      kind: 'core-group-escalation';
      payload: { conferenceId: string; level: 'lead-social-worker' | 'chair'; actionIds: string[] };
      dedupeKey: string;
    };
export type OutboxKind = OutboxMessage['kind'];

/** The storage port for invitations; each method is one transaction. */
export interface InvitationStore {
  list(conferenceId: string): Promise<InvitationRecord[]>;
  get(invitationId: string): Promise<InvitationRecord | undefined>;
  /**
   * Creates invitations for every current invitee who has none, records the status change if given,
   * and enqueues the messages for the new invitations, all or nothing.
   */
  open(args: {
    conferenceId: string;
    expectedVersion: number;
    statusChange?: StatusChange | undefined;
    messagesFor: (invitation: Invitation) => OutboxMessage[];
    now: Date;
  }): Promise<InvitationRecord[]>;
  /**
   * Stores an answer (refused with a version conflict if the invitation changed meanwhile) and carries
   * out its effects: a deputy is added as an invitee with an invitation, or withdrawn.
   */
  saveAnswer(args: {
    conference: Conference;
    result: AnswerResult;
    expectedVersion: number;
    messagesFor: (invitation: Invitation) => OutboxMessage[];
    now: Date;
  }): Promise<void>;
  enqueue(messages: OutboxMessage[], now: Date): Promise<number>;
  setActivityId(invitationId: string, activityId: string): Promise<void>;
  /** Messages for this conference not delivered yet: waiting, or failing and to be retried. */
  pendingDeliveries(conferenceId: string): Promise<PendingDelivery[]>;
}

export interface PendingDelivery {
  kind: string;
  attempts: number;
  /** The last failure as a code and status (never message content), or null while simply waiting. */
  lastError: string | null;
}

/** Delivers cards to people's 1:1 chats with the bot (bot/teams implements it). */
export interface Notifier {
  /**
   * Sends a card; 'unreachable' when Roundtable is not installed for the person (no stored chat), so
   * the caller can fall back to email. Throws an error with `retryable: true` for a passing failure.
   */
  sendCard(aadObjectId: string, card: object): Promise<{ activityId: string } | 'unreachable'>;
}

export type AuditSurface = 'api' | 'card' | 'job' | 'external-link' | 'tab';
export type AuditAction = 'read' | 'create' | 'update' | 'delete' | 'send' | 'export';

/** One entry in the audit trail: ids and codes only, never names or free text. */
export interface AuditEvent {
  /** An id (Entra object id, 'local-developer', a job name), never a person's name. */
  actor: string;
  actorRole: string;
  surface: AuditSurface;
  action: AuditAction;
  /** What was touched, e.g. 'conference', 'invitation', 'conference-list'. */
  entity: string;
  /** Null for a list. */
  entityId: string | null;
  conferenceId: string | null;
  correlationId: string;
  detail?: Record<string, string | number | boolean | null>;
}

export interface RecordedAuditEvent extends AuditEvent {
  id: string;
  at: Date;
  detail: Record<string, string | number | boolean | null>;
}

/** The append-only record of who read or changed case data (bot/store/audit-repository.ts). */
export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
  /** Oldest first, so that a page reads like a log. */
  forConference(conferenceId: string, page: { limit: number; offset: number }): Promise<RecordedAuditEvent[]>;
  /** Every event of the conference, oldest first. */
  export(conferenceId: string): Promise<RecordedAuditEvent[]>;
}

/** The storage port for agency reports (bot/store/report-store.ts); each method is one transaction. */
export interface ReportStore {
  /** Throws REPORT_EXISTS when this invitee (or, without one, this conference) already has a report of the kind. */
  create(args: {
    conferenceId: string;
    inviteeId: string | null;
    familyMemberId?: string | null;
    kind: ReportKind;
    now: Date;
  }): Promise<Report>;
  get(reportId: string): Promise<Report | undefined>;
  list(conferenceId: string): Promise<Report[]>;
  /**
   * Appends `version` (which must be current + 1, else a version conflict) and, for a submission, marks the
   * report submitted with its first submission time and lateness. Earlier versions are never changed.
   */
  appendVersion(
    reportId: string,
    version: ReportVersion,
    submission?: { submittedAt: string; late: boolean },
  ): Promise<Report>;
  addRead(reportId: string, read: ReportRead): Promise<Report>;
  addShare(reportId: string, share: ReportShare): Promise<Report>;
  /** Stores the decision and, for a postponement, the conference's status change, all or nothing. */
  recordDecision(args: {
    decision: ReadinessDecision;
    statusChange: StatusChange | null;
    expectedVersion: number;
  }): Promise<void>;
  /** Oldest first. */
  decisions(conferenceId: string): Promise<ReadinessDecision[]>;
}

/** The storage port for report links (bot/store/report-link-repository.ts). */
export interface ReportLinkStore {
  /** Stores the link and enqueues its email, all or nothing. */
  create(link: ReportLink, mail: OutboxMessage, now: Date): Promise<ReportLink>;
  get(linkId: string): Promise<ReportLink | undefined>;
  /** Newest first. */
  list(conferenceId: string): Promise<ReportLink[]>;
  revoke(linkId: string, by: string, at: Date): Promise<ReportLink | undefined>;
  /** Records that the link was used (shown or saved); one update, no read. */
  touch(linkId: string, at: Date): Promise<void>;
}

// Core groups after the conference.
/** The storage port for core groups (bot/store/core-group-repository.ts); each method is one transaction. */
export interface CoreGroupStore {
  /** Oldest first, with each member's answer to the offered times. */
  meetings(conferenceId: string): Promise<CoreGroupMeeting[]>;
  getMeeting(meetingId: string): Promise<CoreGroupMeeting | undefined>;
  /**
   * Adds the next meeting (numbered after the last) as proposed, with its messages, all or nothing.
   * Refused with ILLEGAL_TRANSITION while another meeting of the conference is proposed or scheduled.
   */
  propose(args: {
    conferenceId: string;
    dueOn: string;
    durationMinutes: number;
    offeredSlots: OfferedSlot[];
    messagesFor: (meetingId: string) => OutboxMessage[];
    now: Date;
  }): Promise<CoreGroupMeeting>;
  /** Stores (or replaces) one member's answer to a proposed meeting's times. */
  answerSlots(meetingId: string, personId: string, canCome: string[], at: Date): Promise<void>;
  /** Proposed → scheduled at `startsAt`, with its messages; false when it was no longer proposed. */
  schedule(meetingId: string, startsAt: string, messages: OutboxMessage[], now: Date): Promise<boolean>;
  setCalendarEventId(meetingId: string, eventId: string): Promise<void>;
  /** Proposed or scheduled → cancelled with its reason and messages, all or nothing; false otherwise. */
  cancel(meetingId: string, reason: string, messages: OutboxMessage[], now: Date): Promise<boolean>;
  /** Scheduled → held; false when it was not scheduled. */
  markHeld(meetingId: string, heldAt: Date): Promise<boolean>;
  /** Appends progress updates; earlier ones are never changed (the database refuses it). */
  addUpdates(updates: ProgressUpdate[]): Promise<void>;
  /** Oldest first. */
  updates(conferenceId: string): Promise<ProgressUpdate[]>;
  /** Conferences with a core group meeting that is not cancelled, for the scheduled jobs. */
  activeConferenceIds(): Promise<string[]>;
}
