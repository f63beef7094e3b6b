import { z } from 'zod';
import { ChildInput, FamilyMemberInput, InviteeInput, IsoDate, StaffInput } from './people.js';
import type { CommunicationNeeds, AgencyKind } from './people.js';

export const ConferenceKinds = ['initial', 'review', 'transfer-in'] as const;
export type ConferenceKind = (typeof ConferenceKinds)[number];

/** Plain-English names for cards, letters and calendars: never "ICPC" or "RCPC" (seed 003 §2.9). */
export const CONFERENCE_KIND_LABELS: Record<ConferenceKind, string> = {
  initial: 'Initial child protection conference',
  review: 'Review child protection conference',
  'transfer-in': 'Transfer-in child protection conference',
};

export const ConferenceStatuses = [
  'requested',
  'scheduled',
  'invitations-sent',
  'ready',
  'in-progress',
  'decided',
  'outcome-sent',
  'minutes-approved',
  'closed',
  'postponed',
  'inquorate',
  'cancelled',
] as const;
export type ConferenceStatus = (typeof ConferenceStatuses)[number];

export const AttendanceFormats = ['in-person', 'virtual', 'hybrid'] as const;
export type AttendanceFormat = (typeof AttendanceFormats)[number];

/** Body of "request a conference" (social worker, after section 47 enquiries). */
export const ConferenceRequestInput = z
  .object({
    kind: z.enum(ConferenceKinds).default('initial'),
    /** Date of the (last) strategy discussion: the initial conference is due within 15 working days of it. */
    strategyDiscussionDate: IsoDate,
    /** For reviews: the date of the previous conference. For transfer-in: the date the transfer was notified. */
    previousConferenceDate: IsoDate.optional(),
    format: z.enum(AttendanceFormats).default('virtual'),
    /** Local date and time in England, e.g. 2026-12-03T10:00; set when the conference is scheduled. */
    scheduledStart: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Use a local date and time like 2026-12-03T10:00.')
      .optional(),
    durationMinutes: z.number().int().min(30).max(480).default(120),
    chair: StaffInput.optional(),
    leadSocialWorker: StaffInput,
    minuteTaker: StaffInput.optional(),
    children: z
      .array(ChildInput)
      .min(1, 'Add at least one child.')
      .max(12, 'At most 12 children in one conference.'),
    familyMembers: z.array(FamilyMemberInput).max(20).default([]),
    invitees: z.array(InviteeInput).max(60).default([]),
  })
  .strict()
  .superRefine((req, ctx) => {
    const keys = new Set(req.familyMembers.map((f) => f.key));
    if (keys.size !== req.familyMembers.length)
      ctx.addIssue({
        code: 'custom',
        path: ['familyMembers'],
        message: 'Each family member needs a different key.',
      });
    req.familyMembers.forEach((f, i) =>
      f.mayNotAttendWith.forEach((k, j) => {
        if (!keys.has(k) || k === f.key)
          ctx.addIssue({
            code: 'custom',
            path: ['familyMembers', i, 'mayNotAttendWith', j],
            message: `“${k}” is not another family member in this request.`,
          });
      }),
    );
    if (req.kind !== 'initial' && !req.previousConferenceDate)
      ctx.addIssue({
        code: 'custom',
        path: ['previousConferenceDate'],
        message:
          req.kind === 'review'
            ? 'A review needs the date of the previous conference.'
            : 'A transfer-in conference needs the date the transfer was notified.',
      });
    const emails = req.invitees.map((i) => i.email);
    if (new Set(emails).size !== emails.length)
      ctx.addIssue({
        code: 'custom',
        path: ['invitees'],
        message: 'The same email address is invited twice.',
      });
  });
export type ConferenceRequestInput = z.input<typeof ConferenceRequestInput>;
export type ConferenceRequest = z.output<typeof ConferenceRequestInput>;

export interface Child {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
}

export interface FamilyMember {
  id: string;
  firstName: string;
  lastName: string;
  relationship: string;
  parentalResponsibility: boolean;
  email?: string | undefined;
  communicationNeeds: CommunicationNeeds;
  /** Ids of family members this person must not attend with. */
  mayNotAttendWith: string[];
}

export interface Invitee {
  id: string;
  name: string;
  email: string;
  role: string;
  agency: string;
  agencyKind: AgencyKind;
  directContact: boolean;
  aadObjectId?: string | undefined;
  /** The invitee this person attends in place of (a deputy). */
  deputyFor?: string | undefined;
  /** Told when this person's report is late. */
  managerEmail?: string | undefined;
}

export interface Staff {
  name: string;
  email: string;
  aadObjectId?: string | undefined;
}

export interface StatusChange {
  from: ConferenceStatus | null;
  to: ConferenceStatus;
  at: string;
  reason?: string | undefined;
}

export interface Conference {
  id: string;
  /** Human reference used in cards and letters, e.g. RT-2026-0042. Carries no personal data. */
  reference: string;
  kind: ConferenceKind;
  status: ConferenceStatus;
  strategyDiscussionDate: string;
  previousConferenceDate?: string | undefined;
  format: AttendanceFormat;
  scheduledStart?: string | undefined;
  durationMinutes: number;
  joinUrl?: string | undefined;
  chair?: Staff | undefined;
  leadSocialWorker: Staff;
  minuteTaker?: Staff | undefined;
  children: Child[];
  familyMembers: FamilyMember[];
  invitees: Invitee[];
  createdAt: string;
  updatedAt: string;
  statusHistory: StatusChange[];
}

/** Initials only: what chat cards may show of a child (DESIGN.md §3, data minimisation). */
export const initials = (p: { firstName: string; lastName: string }): string =>
  `${p.firstName.trim().charAt(0)}${p.lastName.trim().charAt(0)}`.toUpperCase();
