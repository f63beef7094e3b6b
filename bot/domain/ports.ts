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
  }): Promise<ConferenceSummary[]>;
  /** Throws a version conflict when the conference changed since `expectedVersion` was read. */
  updateStatus(id: string, change: StatusChange, expectedVersion: number): Promise<StoredConference>;
  setSchedule(id: string, scheduledStart: string, joinUrl?: string): Promise<StoredConference>;
}
