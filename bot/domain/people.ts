import { z } from 'zod';

/** ISO calendar date (YYYY-MM-DD) that really exists (rejects 2026-02-30). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date in the form YYYY-MM-DD, for example 2026-03-03.')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'That date does not exist in the calendar.');
export type IsoDate = z.infer<typeof IsoDate>;

/**
 * Names, roles and agencies appear on other people's cards, where Markdown is rendered: without square or
 * angle brackets, typed text cannot become a link or markup there.
 */
export const NO_MARKUP = /^[^[\]<>]*$/;
export const NO_MARKUP_MESSAGE = 'Leave out [ ] < >: names and roles are shown on cards as plain text.';

const name = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what}.`)
    .max(100, `The ${what} can be at most 100 characters.`)
    .regex(NO_MARKUP, NO_MARKUP_MESSAGE);

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .email('Enter an email address like name@example.org.');

/** Someone's language and communication needs (seed 003 §1.2: makaton, sign language, technology or images). */
export const CommunicationNeeds = z
  .object({
    interpreterLanguage: z.string().trim().max(60).optional(),
    britishSignLanguage: z.boolean().default(false),
    makaton: z.boolean().default(false),
    other: z.string().trim().max(500).optional(),
  })
  .strict();
export type CommunicationNeeds = z.infer<typeof CommunicationNeeds>;

export const ChildInput = z
  .object({
    firstName: name('child’s first name'),
    lastName: name('child’s last name'),
    dateOfBirth: IsoDate,
  })
  .strict();
export type ChildInput = z.infer<typeof ChildInput>;

export const Relationships = [
  'mother',
  'father',
  'step-parent',
  'grandparent',
  'aunt-or-uncle',
  'sibling',
  'foster-carer',
  'kinship-carer',
  'family-friend',
  'other',
] as const;

export const FamilyMemberInput = z
  .object({
    /** A key chosen by the caller, so "may not attend with" can name people before they have ids. */
    key: z.string().trim().min(1).max(40),
    firstName: name('first name'),
    lastName: name('last name'),
    relationship: z.enum(Relationships),
    parentalResponsibility: z.boolean(),
    email: Email.optional(),
    communicationNeeds: CommunicationNeeds.default({ britishSignLanguage: false, makaton: false }),
    /** Keys of family members this person must not attend with (e.g. domestic abuse): makes a two-part conference. */
    mayNotAttendWith: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
  })
  .strict();
export type FamilyMemberInput = z.infer<typeof FamilyMemberInput>;

/** The kind of agency, which decides how it counts towards quorum. */
export const AgencyKinds = [
  'childrens-social-care',
  'police',
  'health',
  'education',
  'probation',
  'housing',
  'mental-health',
  'substance-misuse',
  'early-help',
  'other',
] as const;
export type AgencyKind = (typeof AgencyKinds)[number];

export const InviteeInput = z
  .object({
    name: name('name'),
    email: Email,
    /** The person's role in words, e.g. "Health visitor". */
    role: z.string().trim().min(1).max(80).regex(NO_MARKUP, NO_MARKUP_MESSAGE),
    agency: z.string().trim().min(1).max(120).regex(NO_MARKUP, NO_MARKUP_MESSAGE),
    agencyKind: z.enum(AgencyKinds),
    /** Whether this agency has direct contact with the child (quorum counts only those). */
    directContact: z.boolean().default(true),
    /** Microsoft Entra object id, when the person is in the council's tenant and can get cards in Teams. */
    aadObjectId: z.string().uuid().optional(),
    /** The person's manager, told if their report is late. */
    managerEmail: Email.optional(),
  })
  .strict();
export type InviteeInput = z.infer<typeof InviteeInput>;

/** Chair, lead social worker and minute-taker: council staff. */
export const StaffInput = z
  .object({
    name: name('name'),
    email: Email,
    aadObjectId: z.string().uuid().optional(),
  })
  .strict();
export type StaffInput = z.infer<typeof StaffInput>;
