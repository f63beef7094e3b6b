/** The commands a person can give the conference record (the tab's contract), parsed at the edge. */
import { z } from 'zod';
import { IsoDate } from '../people.js';

/** Plain text as typed: trimmed, limited; shown escaped wherever it appears. */
const text = (max: number, what: string) =>
  z.string().trim().max(max, `The ${what} can be at most ${max} characters.`);
const required = (max: number, what: string) => text(max, what).min(1, `Enter the ${what}.`);
const id = z.string().trim().min(1).max(64);
/**
 * Teams' own identifiers, copied from the meeting's context: a meeting id is base64 (e.g.
 * "MCMxOTptZWV0aW5n…"), a chat id looks like "19:meeting_…@thread.v2". No spaces or markup.
 */
const teamsId = (what: string, pattern: RegExp) =>
  z
    .string()
    .trim()
    .min(1, `The Teams ${what} is missing.`)
    .max(512, `The Teams ${what} is too long.`)
    .regex(pattern, `That is not a Teams ${what}.`);
const MeetingId = teamsId('meeting id', /^[A-Za-z0-9+/=_-]+$/);
const ChatId = teamsId('chat id', /^[A-Za-z0-9:_@.+/=-]+$/);

export const GridColumns = [
  'working-well',
  'worries',
  'lived-experience',
  'next-steps',
  'danger-statement',
  'safety-goal',
] as const;
export type GridColumn = (typeof GridColumns)[number];

export const Outcomes = [
  'child-protection-plan',
  'child-in-need-plan',
  'early-help',
  'no-further-action',
] as const;
export type Outcome = (typeof Outcomes)[number];
export const Categories = ['neglect', 'physical-abuse', 'emotional-abuse', 'sexual-abuse'] as const;
export type Category = (typeof Categories)[number];

const PlanFields = {
  what: required(500, 'action'),
  who: required(200, 'person responsible'),
  byWhen: IsoDate,
  howWeWillKnow: required(500, 'way we will know it has happened'),
  worryItemId: id.optional(),
};

export const RecordCommand = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('checklist.set'),
      itemId: id,
      done: z.boolean(),
      note: text(1000, 'note').optional(),
    })
    .strict(),
  z.object({ type: z.literal('agenda.start'), itemId: id }).strict(),
  z.object({ type: z.literal('attendance.set'), personId: id, present: z.boolean() }).strict(),
  z
    .object({
      type: z.literal('restricted.start'),
      reason: required(500, 'reason'),
      excludedPersonIds: z.array(id).max(100),
    })
    .strict(),
  z.object({ type: z.literal('restricted.end') }).strict(),
  z
    .object({ type: z.literal('grid.add'), column: z.enum(GridColumns), text: required(2000, 'text') })
    .strict(),
  z.object({ type: z.literal('grid.edit'), itemId: id, text: required(2000, 'text') }).strict(),
  z.object({ type: z.literal('grid.agree'), itemId: id, agreed: z.boolean() }).strict(),
  z.object({ type: z.literal('grid.remove'), itemId: id }).strict(),
  z.object({ type: z.literal('stage.showUnagreed'), show: z.boolean() }).strict(),
  z
    .object({
      type: z.literal('scaling.give'),
      score: z.number().int('The score is a whole number from 0 to 10.').min(0).max(10),
      reason: required(1000, 'reason'),
    })
    .strict(),
  z.object({ type: z.literal('scaling.share'), shared: z.boolean() }).strict(),
  z.object({ type: z.literal('plan.add'), ...PlanFields }).strict(),
  z.object({ type: z.literal('plan.edit'), actionId: id, ...PlanFields }).strict(),
  z.object({ type: z.literal('plan.remove'), actionId: id }).strict(),
  z.object({ type: z.literal('plan.contingency'), text: text(2000, 'contingency plan') }).strict(),
  z
    .object({
      type: z.literal('plan.network'),
      text: text(2000, 'family network'),
      familyGroupConferenceOffered: z.boolean(),
    })
    .strict(),
  z
    .object({
      type: z.literal('decision.record'),
      outcome: z.enum(Outcomes),
      category: z.enum(Categories).optional(),
      leadSocialWorkerName: text(100, 'lead social worker’s name').optional(),
      coreGroupPersonIds: z.array(id).max(100),
      dissent: z
        .array(z.object({ personId: id, reason: required(1000, 'reason for the dissent') }).strict())
        .max(100),
    })
    .strict()
    .refine((d) => d.outcome !== 'child-protection-plan' || d.category, {
      path: ['category'],
      message: 'Choose the category of a child protection plan.',
    }),
  z
    .object({
      type: z.literal('prompt.send'),
      kind: z.enum(['camera', 'next-item']),
      personIds: z.array(id).min(1, 'Choose at least one person.').max(60),
    })
    .strict(),
  z.object({ type: z.literal('meeting.link'), meetingId: MeetingId, chatId: ChatId }).strict(),
]);
export type RecordCommand = z.infer<typeof RecordCommand>;
export type RecordCommandType = RecordCommand['type'];

/** Body of POST /api/conferences/:id/record/commands. */
export const RecordCommandBody = z
  .object({ expectedVersion: z.number().int().min(0).optional(), command: RecordCommand })
  .strict();
