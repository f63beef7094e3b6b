/**
 * The JSON the tab's API answers with, declared once in zod: the OpenAPI document is generated from
 * these schemas, and the view builders are typed by them.
 */
import { z } from 'zod';
import { AttendanceFormats, ConferenceKinds, ConferenceStatuses } from '../domain/conference.js';
import { AgencyKinds } from '../domain/people.js';
import { DeadlineKeys } from '../domain/timescales/index.js';

const Staff = z.object({ name: z.string(), email: z.string(), aadObjectId: z.string().optional() });

export const DeadlineView = z.object({
  key: z.enum(DeadlineKeys),
  title: z.string(),
  due: z.string(),
  dueLabel: z.string(),
  rule: z.string(),
  source: z.string(),
  status: z.enum(['upcoming', 'due-today', 'overdue']),
  /** The sentence to show, e.g. "Reports to the conference service due Tue 3 Mar 2026 (2 working days before the conference)". */
  sentence: z.string(),
});

export const ChildView = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  initials: z.string(),
  participation: z.enum(['may-attend', 'views-sought', 'too-young']),
  participationText: z.string(),
});

export const FamilyMemberView = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  relationship: z.string(),
  parentalResponsibility: z.boolean(),
  email: z.string().optional(),
  communicationNeeds: z.object({
    interpreterLanguage: z.string().optional(),
    britishSignLanguage: z.boolean(),
    makaton: z.boolean(),
    other: z.string().optional(),
  }),
  mayNotAttendWith: z.array(z.string()),
});

export const InviteeView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  agency: z.string(),
  agencyKind: z.enum(AgencyKinds),
  directContact: z.boolean(),
  aadObjectId: z.string().optional(),
  /** Told when this person's report is late. */
  managerEmail: z.string().optional(),
});

export const ConferenceView = z.object({
  id: z.string(),
  version: z.number().int(),
  reference: z.string(),
  kind: z.enum(ConferenceKinds),
  status: z.enum(ConferenceStatuses),
  statusLabel: z.string(),
  format: z.enum(AttendanceFormats),
  strategyDiscussionDate: z.string(),
  previousConferenceDate: z.string().optional(),
  scheduledStart: z.string().optional(),
  durationMinutes: z.number().int(),
  joinUrl: z.string().optional(),
  chair: Staff.optional(),
  leadSocialWorker: Staff,
  minuteTaker: Staff.optional(),
  children: z.array(ChildView),
  familyMembers: z.array(FamilyMemberView),
  invitees: z.array(InviteeView),
  /** Family members grouped by who may attend together; more than one group means a two-part conference. */
  parts: z.array(z.array(z.string())),
  twoPart: z.boolean(),
  deadlines: z.array(DeadlineView),
  statusHistory: z.array(
    z.object({
      from: z.union([z.enum(ConferenceStatuses), z.null()]),
      to: z.enum(ConferenceStatuses),
      at: z.string(),
      reason: z.string().optional(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConferenceView = z.infer<typeof ConferenceView>;

export const ConferenceSummaryView = z.object({
  id: z.string(),
  reference: z.string(),
  kind: z.enum(ConferenceKinds),
  status: z.enum(ConferenceStatuses),
  scheduledStart: z.string().optional(),
  format: z.enum(AttendanceFormats),
  strategyDiscussionDate: z.string(),
  chairName: z.string().optional(),
  childInitials: z.array(z.string()),
  createdAt: z.string(),
  version: z.number().int(),
  /** The next deadline still to come, as a sentence; absent when none is known. */
  nextDeadline: z.string().optional(),
});

export const ConferenceList = z.object({
  items: z.array(ConferenceSummaryView),
  limit: z.number(),
  offset: z.number(),
});

export const ErrorBodyView = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
  correlationId: z.string(),
});

export const Health = z.object({ status: z.enum(['ok', 'unavailable']), database: z.string().optional() });
