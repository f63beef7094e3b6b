/** The JSON the service sends the tab (the tab contract). The tab renders these; it never filters them. */

/*
 * The record's views are the service's own types (type-only imports, erased from the bundle), so the tab
 * and the service cannot drift apart; the names below are the parts the tab's components take.
 */
import type { ChairView, StageView } from '../../bot/domain/conference-record/views.js';
import type { Category, GridColumn, Outcome } from '../../bot/domain/conference-record/commands.js';
import type { PromptNotSent } from '../../bot/domain/conference-record/state.js';
import type { ConferenceRole } from '../../bot/domain/access.js';
import type { RecordCommand } from '../../bot/domain/conference-record/commands.js';
import type { z } from 'zod';
import type { Deadline } from '../../bot/domain/timescales/index.js';
import type { Figure } from '../../bot/domain/oversight.js';
import type { MeetingStatus } from '../../bot/domain/core-group/model.js';
import type { ProgressReport } from '../../bot/domain/core-group/progress.js';

export type { Category, ChairView, GridColumn, Outcome, PromptNotSent, StageView };
export type Role = ConferenceRole;
export type Person = ChairView['people'][number];
export type GridItem = ChairView['grid'][number];
export type PlanAction = ChairView['plan']['actions'][number];
export type SmartCriterion = PlanAction['smart'][number]['criterion'];
export type PromptKind = ChairView['prompts'][number]['kind'];

export interface Me {
  aadObjectId: string;
  name: string;
  devMode: boolean;
}

export interface Overview {
  conferences: { id: string; kindLabel: string; scheduledStart?: string; status: string; role: Role }[];
  reportsDue: { conferenceId: string; reportId?: string; due: string; status: string }[];
  actions: { conferenceId: string; actionId: string; what: string; byWhen: string }[];
}

/** The service's error body (bot/http/errors.ts). */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
  correlationId?: string;
}

/** What the side panel sends: the input the service's command schema accepts. */
export type Command = z.input<typeof RecordCommand>;
export type PlanFields = Omit<Extract<Command, { type: 'plan.add' }>, 'type'>;

/*
 * After the conference (bot/use-cases/after-conference.ts) and the oversight figures (bot/domain/oversight.ts).
 * Written out here: the use cases' return types reach into the store, which the browser build cannot load.
 */

export type { Figure };
export type AfterDeadline = Deadline & { status: NonNullable<Deadline['status']>; done: boolean };

export interface LetterApproval {
  approvedBy: string;
  approvedAt: string;
  withheld: { personId: string; reason: string }[];
  sentTo: string[];
  byHand: string[];
}

export interface MinutesApproval {
  approvedBy: string;
  approvedAt: string;
  confirmed: string[];
  sentTo: string[];
}

export type TaskKind = 'tell-absent-parent' | 'deliver-letter';

export interface FollowUpTask {
  id: string;
  kind: TaskKind;
  personId: string;
  personName: string;
  dueAt: string;
  doneAt: string | null;
  note: string | null;
  overdue: boolean;
}

export type PlanEndReason = 'moved-to-another-authority' | 'turned-18' | 'left-the-country' | 'died';

export interface AfterOverview {
  conferenceId: string;
  reference: string;
  decision: { outcome: Outcome; category?: Category; recordedAt: string } | null;
  heldOn: string | null;
  deadlines: AfterDeadline[];
  letter: LetterApproval | null;
  minutes: MinutesApproval | null;
  tasks: FollowUpTask[];
  plan: {
    status: 'active' | 'ended' | 'none';
    ending?: { reason: string; endedOn: string; note: string; recordedAt: string };
  };
}

export interface Recipient {
  personId: string;
  name: string;
  role: string;
}

export interface LetterPreview {
  subject: string;
  html: string;
  text: string;
  due: Deadline | null;
  recipients: { byEmail: Recipient[]; byHand: Recipient[]; withheld: (Recipient & { reason: string })[] };
  absentParents: Recipient[];
}

export interface MinutesPreview {
  html: string;
  text: string;
  due: Deadline | null;
  restrictedItems: { id: string; partId: string; kind: string; text: string }[];
}

export interface OversightReport {
  from: string;
  to: string;
  conferences: number;
  figures: Figure[];
}

/*
 * The core group (bot/http/core-group-routes.ts): meetings with their answers counted, the members for those
 * who run it, and the progress on the plan's actions (the domain's report type).
 */
export type { ProgressReport };
export type CoreGroupProgress = ProgressReport['actions'][number];

export interface CoreGroupMember {
  id: string;
  name: string;
  role: Person['role'];
  required: boolean;
}

export interface CoreGroupMeeting {
  id: string;
  number: number;
  status: MeetingStatus;
  statusLabel: string;
  startsAt: string | null;
  durationMinutes: number;
  dueOn: string;
  /** Each offered time with how many members can come to it. */
  offeredSlots: { start: string; end: string; label: string; canCome: number }[];
  /** How many members have answered the offered times. */
  answered: number;
  calendarEventId: string | null;
  heldAt: string | null;
  cancelledAt: string | null;
  cancelledReason: string | null;
}

export interface CoreGroupView {
  conferenceId: string;
  /** Empty for a member who does not run it: they see the meetings and their own actions. */
  members: CoreGroupMember[];
  meetings: CoreGroupMeeting[];
  progress: ProgressReport;
}

export interface CoreGroupHeld {
  held: CoreGroupMeeting;
  next: CoreGroupMeeting | null;
  /** Why times for the next meeting could not be offered (the meeting stays held). */
  nextProblem?: string;
}
