/**
 * The report chase: the writer's reminder, the chair's late-report notice and the chair's readiness
 * card at the reading deadline, with the go-ahead or postpone decision (seed 003 §1.5, §1.6).
 * Nothing here names a family member or quotes a report: roles, agencies and initials only.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { ConferenceKinds } from '../bot/domain/conference.js';
import { ChildInitials, KIND_LABELS, conferenceWhen } from './invitation.js';
import { QUORUM_DISPLAY } from './readiness.js';
import { expandCard } from './render.js';
import type { AdaptiveCard } from './render.js';

const Reference = z.string().regex(/^[A-Z]{2,4}-\d{4}-\d{3,6}$/);
const Line = z.string().trim().min(1).max(300);

const conferenceFields = {
  conferenceId: z.uuid(),
  reference: Reference,
  kind: z.enum(ConferenceKinds),
  scheduledStart: z.string().optional(),
  durationMinutes: z.number().int().min(1).max(600),
};

const conferenceFact = (d: { reference: string; kind: keyof typeof KIND_LABELS }) => ({
  title: 'Conference',
  value: `${d.reference}: ${KIND_LABELS[d.kind].toLowerCase()}`,
});

const childFact = (initials: string[]) => ({
  title: initials.length > 1 ? 'Children' : 'Child',
  value: `Initials ${initials.join(', ')}`,
});

/** The data of the "Write my report" button: it opens the report dialog (task module) in Teams. */
export const reportDialogData = (conferenceId: string, invitationId: string) => ({
  msteams: { type: 'task/fetch' },
  dialog: 'report',
  conferenceId,
  invitationId,
});

export const ReportReminderData = z.object({
  ...conferenceFields,
  invitationId: z.uuid(),
  role: z.string().trim().min(1).max(80),
  childInitials: ChildInitials,
  /** "Tue 8 Dec 2026". */
  dueLabel: z.string().min(1).max(40),
  /** "2 working days before the conference". */
  dueRule: z.string().min(1).max(300),
  draftSaved: z.boolean(),
});
export type ReportReminderData = z.input<typeof ReportReminderData>;

/** The reminder to someone whose report is not in yet. */
export function renderReportReminder(input: ReportReminderData): AdaptiveCard {
  const d = ReportReminderData.parse(input);
  return expandCard(new URL('./report-reminder.json', import.meta.url), {
    heading: `Your report for ${d.reference} is due ${d.dueLabel}`,
    intro: `Please send your report for the conference on ${conferenceWhen(d.scheduledStart, d.durationMinutes)} by ${d.dueLabel} (${d.dueRule}). Reports are needed even when you attend.`,
    facts: [conferenceFact(d), { title: 'Your role', value: d.role }, childFact(d.childInitials)],
    draftSaved: d.draftSaved,
    dialog: reportDialogData(d.conferenceId, d.invitationId),
  });
}

export const LateReport = z.object({
  /** "Health visitor (Example Community Health)": a role and an agency, never the family. */
  what: Line,
  draftSaved: z.boolean(),
  managerTold: z.boolean(),
});

export const ReportLateData = z.object({
  ...conferenceFields,
  dueLabel: z.string().min(1).max(40),
  late: z.array(LateReport).min(1).max(60),
});
export type ReportLateData = z.input<typeof ReportLateData>;

/** The chair's notice that reports did not arrive by the deadline. */
export function renderReportLate(input: ReportLateData): AdaptiveCard {
  const d = ReportLateData.parse(input);
  const n = d.late.length;
  return expandCard(new URL('./report-late.json', import.meta.url), {
    heading: `${n} ${n === 1 ? 'report is' : 'reports are'} late for ${d.reference}`,
    intro: `${KIND_LABELS[d.kind]}, ${conferenceWhen(d.scheduledStart, d.durationMinutes)}. Reports were due ${d.dueLabel}.`,
    late: d.late.map(
      (l) =>
        `${l.what}: ${l.draftSaved ? 'a draft is saved but not submitted' : 'no report yet'}` +
        `${l.managerTold ? '; their manager has been told by email' : ''}.`,
    ),
  });
}

export const DecisionForm = z.object({
  reason: z.string().max(4000).default(''),
  newDate: z.string().max(40).default(''),
  newTime: z.string().max(40).default(''),
  delayExplanation: z.string().max(4000).default(''),
});
export type DecisionForm = z.input<typeof DecisionForm>;

export const ReportReadinessData = z.object({
  ...conferenceFields,
  childInitials: ChildInitials,
  readingDeadline: z.string().max(300).nullable(),
  missing: z.array(Line).max(60),
  late: z.array(Line).max(60),
  notSharedInTime: z.array(Line).max(60),
  unread: z.array(Line).max(60),
  quorum: z.object({ state: z.enum(['quorate', 'at-risk', 'inquorate']), summary: Line }),
  decisionNeeded: z.boolean(),
  ready: z.boolean(),
  /** The statutory date a postponement should not pass, as a sentence, when there is one. */
  timescale: z.string().max(300).nullable(),
  /** The earliest date a postponement may choose (YYYY-MM-DD). */
  dateMin: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  decision: z
    .object({
      decision: z.enum(['go-ahead', 'postpone']),
      reason: z.string().max(2000),
      newStart: z.string().nullable(),
      withinTimescale: z.boolean().nullable(),
      delayExplanation: z.string().max(2000).nullable(),
      by: z.string().max(200),
      at: z.string(),
    })
    .nullable(),
  /** What the chair typed, kept when something needs fixing. */
  form: DecisionForm.prefault({}),
  problems: z.array(z.string().max(500)).max(10).default([]),
});
export type ReportReadinessData = z.input<typeof ReportReadinessData>;

const local = (iso: string) =>
  DateTime.fromISO(iso, { zone: 'Europe/London', locale: 'en-GB' }).toFormat('ccc d LLL yyyy, HH:mm');

function decisionHeading(d: NonNullable<z.output<typeof ReportReadinessData>['decision']>): string {
  if (d.decision === 'go-ahead') return 'Decision recorded: the conference goes ahead';
  const within =
    d.withinTimescale === null
      ? ''
      : d.withinTimescale
        ? ', within the timescale'
        : ', later than the timescale';
  return `Decision recorded: postponed to ${d.newStart ? local(d.newStart) : 'a new date'}${within}`;
}

/** The chair's readiness summary at the reading deadline, asking for a decision when the parents lack reports. */
export function renderReportReadiness(input: ReportReadinessData): AdaptiveCard {
  const d = ReportReadinessData.parse(input);
  const section = (title: string, lines: string[]) =>
    lines.length ? [{ title: `${title} (${lines.length})`, lines }] : [];
  const q = QUORUM_DISPLAY[d.quorum.state];
  return expandCard(new URL('./report-readiness.json', import.meta.url), {
    heading: `Readiness for ${d.reference}`,
    intro: d.readingDeadline
      ? `${d.readingDeadline}. Here is where the reports and quorum stand.`
      : 'Here is where the reports and quorum stand.',
    facts: [
      conferenceFact(d),
      { title: 'When', value: conferenceWhen(d.scheduledStart, d.durationMinutes) },
      childFact(d.childInitials),
    ],
    quorumStyle: q.style,
    quorumSummary: d.quorum.summary,
    sections: [
      ...section('Missing', d.missing),
      ...section('Received late', d.late),
      ...section('Not shared with the family in time', d.notSharedInTime),
      ...section('Not yet read by you', d.unread),
    ],
    ready: d.ready && !d.decision,
    hasDecision: !!d.decision,
    decisionHeading: d.decision ? decisionHeading(d.decision) : '',
    decisionReason: d.decision?.reason ?? '',
    decisionDelay: d.decision?.delayExplanation ?? '',
    decisionBy: d.decision ? `Recorded by ${d.decision.by}, ${local(d.decision.at)}.` : '',
    asking: d.decisionNeeded && !d.decision,
    problems: d.problems,
    form: d.form,
    dateLabel: d.timescale ? `New date (to postpone). ${d.timescale}` : 'New date (to postpone)',
    dateMin: d.dateMin,
    ref: { conferenceId: d.conferenceId },
  });
}
