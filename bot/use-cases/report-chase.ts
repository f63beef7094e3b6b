/**
 * Who still owes a report, and the cards and letters that chase it: the writer's reminder, the late
 * notice to the chair and the manager, and the chair's readiness card with its go-ahead or postpone
 * decision (seed 003 §1.5, §1.6). Loads, decides via the domain, stores; no delivery here.
 */
import { DateTime } from 'luxon';
import type { DecisionForm } from '../../cards/report-chase.js';
import { renderReportLate, renderReportReadiness, renderReportReminder } from '../../cards/report-chase.js';
import type { AdaptiveCard } from '../../cards/render.js';
import { KIND_LABELS, conferenceWhen } from '../../cards/invitation.js';
import type { Conference, Invitee, Staff } from '../domain/conference.js';
import { initials } from '../domain/conference.js';
import { DomainError, ErrorCodes, isDomainError } from '../domain/errors.js';
import type { OutgoingMail } from '../domain/mail.js';
import type { InvitationRecord, StoredConference } from '../domain/ports.js';
import { ReadinessDecisionInput, readingList, type ReadingListEntry } from '../domain/reports.js';
import { computeDeadlines, describeDeadline, dueFor } from '../domain/timescales/index.js';
import { conferenceDeadlines } from './conference-view.js';
import { recordReadinessDecision, reportReadingList, type ReportDeps } from './reports.js';
import { paragraphMail } from './paragraph-mail.js';

/** One report not in yet, with the invited person who owes it and their invitation. */
export interface OwedReport {
  entry: ReadingListEntry;
  invitee: Invitee;
  invitation: InvitationRecord;
}

const sameStaff = (i: Invitee, s: Staff) =>
  (!!s.aadObjectId && i.aadObjectId === s.aadObjectId) || i.email.toLowerCase() === s.email.toLowerCase();

/**
 * Reports expected and not submitted, each with the invitee who owes it. The social work report (and a
 * review's core group report) is owed by the lead social worker, reached through their own invitation.
 */
export async function owedReports(deps: ReportDeps, conference: Conference): Promise<OwedReport[]> {
  const now = deps.clock.now();
  const deadlines = conferenceDeadlines(conference, deps.timescales, now);
  const entries = readingList(conference, await deps.reports.list(conference.id), deadlines, now);
  const invitations = (await deps.invitations.list(conference.id)).filter((i) => !i.withdrawn);
  const owed: OwedReport[] = [];
  for (const entry of entries.filter((e) => e.state === 'missing')) {
    const invitee = entry.inviteeId
      ? conference.invitees.find((i) => i.id === entry.inviteeId)
      : entry.kind === 'social-work' || entry.kind === 'core-group-progress'
        ? conference.invitees.find((i) => !i.deputyFor && sameStaff(i, conference.leadSocialWorker))
        : undefined;
    const invitation = invitee && invitations.find((i) => i.inviteeId === invitee.id);
    if (invitee && invitation) owed.push({ entry, invitee, invitation });
  }
  return owed;
}

/** What a late report is called on the chair's card and in the manager's letter: role and agency. */
export const owedLabel = (o: OwedReport): string =>
  o.entry.kind === 'social-work'
    ? `Social work report (${o.invitee.agency})`
    : o.entry.kind === 'core-group-progress'
      ? 'Core group progress report'
      : `${o.invitee.role} (${o.invitee.agency})`;

function reportsDue(deps: ReportDeps, conference: Conference) {
  return dueFor(conferenceDeadlines(conference, deps.timescales, deps.clock.now()), 'reports-to-service');
}

/** The writer's reminder card; undefined when the report has arrived meanwhile. */
export function reportReminderCard(
  deps: ReportDeps,
  conference: Conference,
  owed: OwedReport,
): AdaptiveCard | undefined {
  const due = reportsDue(deps, conference);
  if (!due) return undefined;
  return renderReportReminder({
    conferenceId: conference.id,
    invitationId: owed.invitation.id,
    reference: conference.reference,
    kind: conference.kind,
    scheduledStart: conference.scheduledStart,
    durationMinutes: conference.durationMinutes,
    role: owed.invitee.role,
    childInitials: conference.children.map(initials),
    dueLabel: due.dueLabel,
    dueRule: due.rule,
    draftSaved: owed.entry.draftSaved,
  });
}

/** The chair's late-report card for what is still missing; undefined when everything has arrived. */
export function reportLateCard(
  deps: ReportDeps,
  conference: Conference,
  owed: readonly OwedReport[],
): AdaptiveCard | undefined {
  const due = reportsDue(deps, conference);
  if (!due || owed.length === 0) return undefined;
  return renderReportLate({
    conferenceId: conference.id,
    reference: conference.reference,
    kind: conference.kind,
    scheduledStart: conference.scheduledStart,
    durationMinutes: conference.durationMinutes,
    dueLabel: due.dueLabel,
    late: owed.map((o) => ({
      what: owedLabel(o),
      draftSaved: o.entry.draftSaved,
      managerTold: !!o.invitee.managerEmail,
    })),
  });
}

/** The reminder by email, for people without Teams: what is due and by when, initials only. */
export function reportReminderMail(
  deps: ReportDeps,
  conference: Conference,
  owed: OwedReport,
  opts: { authority: string; idempotencyKey: string },
): OutgoingMail | undefined {
  const due = reportsDue(deps, conference);
  if (!due) return undefined;
  const what = KIND_LABELS[conference.kind].toLowerCase();
  const when = conferenceWhen(conference.scheduledStart, conference.durationMinutes);
  return paragraphMail(
    { name: owed.invitee.name, email: owed.invitee.email },
    `Reminder: your report for ${conference.reference} is due ${due.dueLabel}`,
    [
      `Dear ${owed.invitee.name},`,
      `Your report for the ${what} (${conference.reference}) on ${when} is due ${due.dueLabel} (${due.rule}). We have not received it yet.`,
      `Children: initials ${conference.children.map(initials).join(', ')}.`,
      'Reports are needed even when you attend, and should be shared and discussed with the family beforehand. The chair reads every report before the conference: there is no reading time in the meeting.',
      'Please send your report to the conference service by then, or reply to this email if you cannot.',
      `${opts.authority}, child protection conference service`,
    ],
    opts.idempotencyKey,
  );
}

/** The letter to a late writer's manager: who, which conference, what is missing; no case details. */
export function lateReportManagerMail(
  deps: ReportDeps,
  conference: Conference,
  owed: OwedReport,
  opts: { authority: string; idempotencyKey: string },
): OutgoingMail | undefined {
  const due = reportsDue(deps, conference);
  if (!due || !owed.invitee.managerEmail) return undefined;
  const when = conferenceWhen(conference.scheduledStart, conference.durationMinutes);
  return paragraphMail(
    { email: owed.invitee.managerEmail },
    `Late report for ${conference.reference}: ${owedLabel(owed)}`,
    [
      'Dear colleague,',
      `You are recorded as the manager of ${owed.invitee.name}, ${owed.invitee.role} (${owed.invitee.agency}). Their report for the ${KIND_LABELS[conference.kind].toLowerCase()} ${conference.reference} on ${when} was due ${due.dueLabel} (${due.rule}) and has not arrived${owed.entry.draftSaved ? ': a draft is saved but not submitted' : ''}.`,
      'The chair must read every report 24 hours before the conference, and the family should have had it before then. Please help them send it today.',
      `${opts.authority}, child protection conference service`,
    ],
    opts.idempotencyKey,
  );
}

/** Who decides whether to go ahead: the chair, or the lead social worker when there is no chair. */
export const decider = (conference: Conference): Staff => conference.chair ?? conference.leadSocialWorker;

function assertDecider(conference: Conference, aadObjectId: string | undefined): Staff {
  const who = decider(conference);
  if (!aadObjectId || who.aadObjectId !== aadObjectId)
    throw new DomainError(
      ErrorCodes.RSVP_NOT_INVITED,
      conference.chair
        ? 'Only the chair of this conference can make this decision, so nothing was changed.'
        : 'Only the lead social worker can make this decision while there is no chair, so nothing was changed.',
    );
  return who;
}

async function conferenceOf(deps: ReportDeps, id: string): Promise<StoredConference> {
  const c = await deps.conferences.getConference(id);
  if (!c) throw new DomainError(ErrorCodes.CONFERENCE_NOT_FOUND, 'That conference could not be found.');
  return c;
}

/** The statutory date a postponement should keep to (initial and transfer-in conferences). */
function statutoryTimescale(deps: ReportDeps, c: Conference): string | null {
  const deadlines = computeDeadlines(
    {
      kind: c.kind,
      strategyDiscussionDate: c.strategyDiscussionDate,
      previousConferenceDate: c.previousConferenceDate,
    },
    deps.timescales.calendar,
    deps.timescales.settings,
  );
  const d = dueFor(deadlines, 'initial-conference') ?? dueFor(deadlines, 'transfer-in-conference');
  return d ? describeDeadline(d) : null;
}

/** The chair's readiness card, from the reading list and readiness the tab shows too. */
export async function reportReadinessCard(
  deps: ReportDeps,
  conferenceId: string,
  extras: { form?: DecisionForm; problems?: string[] } = {},
): Promise<AdaptiveCard> {
  const conference = await conferenceOf(deps, conferenceId);
  const list = await reportReadingList(deps, conferenceId);
  const r = list.readiness;
  // The newest decision; a postponement belongs to the old date once the conference is rescheduled.
  const latest = list.decisions.at(-1);
  const decision =
    latest && (latest.decision === 'go-ahead' || conference.status === 'postponed') ? latest : null;
  const tomorrow = DateTime.fromJSDate(deps.clock.now(), { zone: 'Europe/London' }).plus({ days: 1 });
  return renderReportReadiness({
    conferenceId,
    reference: conference.reference,
    kind: conference.kind,
    scheduledStart: conference.scheduledStart,
    durationMinutes: conference.durationMinutes,
    childInitials: conference.children.map(initials),
    readingDeadline: r.readingDeadline,
    missing: r.missing,
    late: list.entries.filter((e) => e.state !== 'missing' && e.late).map((e) => e.author),
    notSharedInTime: r.notSharedInTime,
    unread: r.unread,
    quorum: r.quorum,
    decisionNeeded: r.decisionNeeded,
    ready: r.ready,
    timescale: statutoryTimescale(deps, conference),
    dateMin: tomorrow.toISODate() as string,
    decision,
    form: extras.form ?? {},
    problems: extras.problems ?? [],
  });
}

/**
 * The chair's go-ahead or postponement from the card. Anyone else is refused (an error card, nothing
 * changes); a missing reason or a date out of range comes back on the same card, typed values kept.
 */
export async function decideFromCard(
  deps: ReportDeps,
  args: {
    conferenceId: string;
    aadObjectId: string | undefined;
    decision: 'go-ahead' | 'postpone';
    form: { reason?: string; newDate?: string; newTime?: string; delayExplanation?: string };
  },
): Promise<AdaptiveCard> {
  const conference = await conferenceOf(deps, args.conferenceId);
  const by = assertDecider(conference, args.aadObjectId);
  // Only a conference still to be held has a go-ahead to decide.
  if (!['scheduled', 'invitations-sent', 'ready'].includes(conference.status))
    throw new DomainError(
      ErrorCodes.ILLEGAL_TRANSITION,
      'This conference is no longer waiting to be held, so there is nothing to decide. Nothing was changed.',
    );
  const form = {
    reason: args.form.reason ?? '',
    newDate: args.form.newDate?.trim() ?? '',
    newTime: args.form.newTime?.trim() ?? '',
    delayExplanation: args.form.delayExplanation ?? '',
  };
  const postpone = args.decision === 'postpone';
  const problems: string[] = [];
  if (postpone && !form.newDate) problems.push('Choose the new date to postpone to.');
  if (postpone && !form.newTime) problems.push('Choose the new start time.');
  const parsed = ReadinessDecisionInput.safeParse({
    decision: args.decision,
    reason: form.reason,
    newStart: postpone && form.newDate && form.newTime ? `${form.newDate}T${form.newTime}` : undefined,
    delayExplanation: form.delayExplanation.trim() ? form.delayExplanation : undefined,
    by: by.name,
  });
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => i.message));
  if (problems.length === 0 && parsed.success) {
    try {
      await recordReadinessDecision(deps, args.conferenceId, parsed.data);
      return await reportReadinessCard(deps, args.conferenceId);
    } catch (e) {
      if (!isDomainError(e) || e.code !== ErrorCodes.VALIDATION_FAILED) throw e;
      problems.push(...(e.details.length ? e.details.map((d) => d.message) : [e.message]));
    }
  }
  return reportReadinessCard(deps, args.conferenceId, { form, problems: [...new Set(problems)] });
}
