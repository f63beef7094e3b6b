/**
 * A professional's own reports, from Teams: the "My reports" list and the report dialog (open, save a
 * draft, check plain language, submit or amend). Only the invitee whose invitation it is may act; the
 * rules are the domain's (bot/domain/reports), reached through the report use cases.
 */
import { DateTime } from 'luxon';
import { conferenceWhen } from '../../cards/invitation.js';
import type { MyReportItem, MyReportStatus } from '../../cards/my-reports.js';
import {
  contentToValues,
  formValues,
  valuesToContent,
  type Advice,
  type FieldProblem,
  type FormValues,
  type ReportFormData,
} from '../../cards/report-form.js';
import { initials, type ConferenceStatus } from '../domain/conference.js';
import { DomainError, ErrorCodes, isDomainError } from '../domain/errors.js';
import type { StoredConference } from '../domain/ports.js';
import {
  expectedReports,
  plainLanguageOf,
  readingList,
  type Report,
  type ReportContent,
} from '../domain/reports.js';
import type { Invitation } from '../domain/rsvp.js';
import { dateTimeLabel, deadlineStatus, dueFor } from '../domain/timescales/index.js';
import { toLocalDateTime } from '../domain/timescales/dates.js';
import { conferenceDeadlines } from './conference-view.js';
import { assertInvitee } from './invitation-cards.js';
import { reportDue } from './invitations.js';
import { createReport, saveReportDraft, submitReportVersion, type ReportDeps } from './reports.js';

export interface ReportRef {
  conferenceId: string;
  invitationId: string;
}

interface Own {
  conference: StoredConference;
  invitation: Invitation;
  report: Report;
}

const FINISHED: ReadonlySet<ConferenceStatus> = new Set([
  'closed',
  'cancelled',
  'minutes-approved',
  'decided',
  'outcome-sent',
]);

/** The report this invitation owes: its kind as the domain expects it (agency; police for a review). */
function owedKind(conference: StoredConference, invitation: Invitation) {
  return expectedReports(conference).find((e) => e.inviteeId === invitation.inviteeId)?.kind;
}

/** Loads the invitee's own report, refusing anyone else; creates it the first time it is opened. */
async function ownReport(deps: ReportDeps, ref: ReportRef, aadObjectId: string | undefined): Promise<Own> {
  const invitation = await deps.invitations.get(ref.invitationId);
  const conference = invitation && (await deps.conferences.getConference(ref.conferenceId));
  if (!invitation || !conference || invitation.conferenceId !== ref.conferenceId || invitation.withdrawn)
    throw new DomainError(ErrorCodes.RSVP_NOT_INVITED, 'This report could not be found.');
  assertInvitee(conference, invitation, aadObjectId);
  if (conference.status === 'cancelled')
    throw new DomainError(
      ErrorCodes.RSVP_CONFERENCE_CLOSED,
      'This conference has been cancelled, so no report is needed. Nothing was changed.',
    );
  const kind = owedKind(conference, invitation);
  if (!kind)
    throw new DomainError(
      ErrorCodes.REPORT_NOT_FOUND,
      'No report is expected from you for this conference. If you think one is, ask the conference service.',
    );
  const find = async () =>
    (await deps.reports.list(conference.id)).find(
      (r) => r.kind === kind && r.inviteeId === invitation.inviteeId,
    );
  let report = await find();
  if (!report) {
    try {
      report = await createReport(deps, conference.id, { kind, inviteeId: invitation.inviteeId });
    } catch (e) {
      // Opened twice at once: the other request created it.
      if (!(isDomainError(e) && e.code === ErrorCodes.REPORT_EXISTS)) throw e;
      report = await find();
    }
  }
  if (!report) throw new DomainError(ErrorCodes.REPORT_NOT_FOUND, 'This report could not be found.');
  return { conference, invitation, report };
}

const amendUntil = (c: StoredConference) =>
  c.scheduledStart ? dateTimeLabel(toLocalDateTime(c.scheduledStart)) : null;

/** "Recommendation 2: Fill in “Recommendation: who”." for content.recommendations.1.who. */
function problemLine(p: FieldProblem): string {
  const n = /recommendations\.(\d+)/.exec(p.path)?.[1];
  return n === undefined ? p.message : `Recommendation ${Number(n) + 1}: ${p.message}`;
}

function formData(
  deps: ReportDeps,
  own: Own,
  opts: { values?: FormValues; notice?: ReportFormData['notice']; advice?: Advice } = {},
): ReportFormData {
  const { conference, invitation, report } = own;
  const latest = report.versions.at(-1);
  return {
    conferenceId: conference.id,
    invitationId: invitation.id,
    reference: conference.reference,
    conferenceKind: conference.kind,
    when: conferenceWhen(conference.scheduledStart, conference.durationMinutes),
    childInitials: conference.children.map(initials),
    reportKind: report.kind,
    dueSentence: reportDue(deps, conference).sentence,
    status: report.status === 'submitted' ? 'submitted' : latest ? 'draft' : 'not-started',
    late: report.late,
    amendUntil: amendUntil(conference),
    savedAt: latest ? dateTimeLabel(DateTime.fromISO(latest.savedAt)) : null,
    values: opts.values ?? contentToValues(latest?.content ?? {}),
    notice: opts.notice,
    advice: opts.advice,
  };
}

export type DialogOutcome =
  | { kind: 'form'; data: ReportFormData }
  | { kind: 'done'; message: string; late: boolean; amendment: boolean };

/** Opening the dialog: the form, prefilled from the latest saved version. */
export async function openMyReport(deps: ReportDeps, ref: ReportRef, aadObjectId: string | undefined) {
  return formData(deps, await ownReport(deps, ref, aadObjectId));
}

/** Saves what can be saved; a refused field is named, and the typed text stays on the form. */
async function saveWhatCan(
  deps: ReportDeps,
  own: Own,
  content: ReportContent,
  by: string,
): Promise<{ own: Own; saved: boolean; advice: Advice }> {
  if (own.report.status === 'submitted') return { own, saved: false, advice: plainLanguageOf(content) };
  const r = await saveReportDraft(deps, own.conference.id, own.report.id, { content, savedBy: by });
  return { own: { ...own, report: r.report }, saved: true, advice: r.plainLanguage };
}

const refusedNotice = (
  problems: FieldProblem[],
  saved: boolean,
  submitting: boolean,
): ReportFormData['notice'] => ({
  style: 'attention',
  title: `${submitting ? 'Not submitted. ' : ''}${
    saved
      ? 'Your draft was saved, except the fields below. Your words are still in the boxes: fix them and save again.'
      : 'Please fix the fields below. Your words are still in the boxes.'
  }`,
  lines: problems.map(problemLine),
});

/** The dialog's buttons: save a draft, check plain language, submit (or amend). */
export async function actOnMyReport(
  deps: ReportDeps,
  ref: ReportRef,
  action: 'save' | 'check' | 'submit',
  data: Record<string, unknown>,
  aadObjectId: string | undefined,
): Promise<DialogOutcome> {
  let own = await ownReport(deps, ref, aadObjectId);
  const by = aadObjectId ?? 'unknown';
  const values = formValues(data);
  const { content, problems } = valuesToContent(values);
  const submitted = own.report.status === 'submitted';

  if (action === 'submit' && problems.length === 0) {
    try {
      const s = await submitReportVersion(deps, own.conference.id, own.report.id, {
        content,
        submittedBy: by,
      });
      return { kind: 'done', ...confirmation(deps, own.conference, s), late: s.late, amendment: s.amendment };
    } catch (e) {
      if (!isDomainError(e)) throw e;
      const saved = await saveWhatCan(deps, own, content, by);
      own = saved.own;
      const kept = saved.saved ? ' Your text is saved as a draft.' : ' Your text is still in the boxes.';
      return {
        kind: 'form',
        data: formData(deps, own, {
          values,
          notice: {
            style: 'attention',
            title: `${submitted ? 'Not amended' : 'Not submitted'}: ${e.message.replace(/ Your draft is kept\.$/, '')}${kept}`,
            lines: e.details.map((d) => problemLine({ path: d.path, message: d.message })),
          },
        }),
      };
    }
  }

  const saved = await saveWhatCan(deps, own, content, by);
  own = saved.own;
  let notice: ReportFormData['notice'];
  if (problems.length) notice = refusedNotice(problems, saved.saved, action === 'submit');
  else if (action === 'save')
    notice = saved.saved
      ? {
          style: 'good',
          title: `Draft saved ${formData(deps, own).savedAt ?? ''}.`.replace(' .', '.'),
          lines: [],
        }
      : {
          style: 'attention',
          title: 'This report is submitted, so it is changed by submitting an amendment.',
          lines: [],
        };
  return {
    kind: 'form',
    data: formData(deps, own, {
      values,
      notice,
      ...(action === 'check' ? { advice: saved.advice } : {}),
    }),
  };
}

function confirmation(
  deps: ReportDeps,
  conference: StoredConference,
  s: { late: boolean; amendment: boolean; report: { currentVersion: number } },
): { message: string } {
  const due = reportDue(deps, conference).date;
  const until = amendUntil(conference);
  const amend = until ? ` You can amend it until ${until}.` : '';
  if (s.amendment)
    return {
      message: `Your amended report for ${conference.reference} was received as version ${s.report.currentVersion}; earlier versions are kept and the chair can see what changed.${amend}`,
    };
  if (s.late)
    return {
      message: `Your report for ${conference.reference} was received after the deadline (it was due ${due}), so it is marked late. The chair will still read it.${amend}`,
    };
  return {
    message: `Thank you: your report for ${conference.reference} was received on time (due ${due}).${amend}`,
  };
}

/** Whether the invitee has saved anything of a report yet ("Write my report" or "Open my report"). */
export async function reportStarted(deps: ReportDeps, conferenceId: string, inviteeId: string) {
  return (await deps.reports.list(conferenceId)).some(
    (r) => r.inviteeId === inviteeId && r.versions.length > 0,
  );
}

/** The person's reports still to come: one per conference where they owe one. No names, no report text. */
export async function myReports(deps: ReportDeps, aadObjectId: string | undefined): Promise<MyReportItem[]> {
  if (!aadObjectId) return [];
  const now = deps.clock.now();
  const summaries = await deps.conferences.listConferences({
    participant: aadObjectId,
    limit: 20,
    offset: 0,
  });
  const items: MyReportItem[] = [];
  for (const summary of summaries.filter((s) => !FINISHED.has(s.status))) {
    const conference = await deps.conferences.getConference(summary.id);
    const invitee = conference?.invitees.find((i) => i.aadObjectId === aadObjectId);
    if (!conference || !invitee) continue;
    const invitation = (await deps.invitations.list(conference.id)).find(
      (i) => i.inviteeId === invitee.id && !i.withdrawn,
    );
    const kind = invitation && owedKind(conference, invitation);
    if (!invitation || !kind) continue;
    const deadlines = conferenceDeadlines(conference, deps.timescales, now);
    const reports = await deps.reports.list(conference.id);
    const entry = readingList(conference, reports, deadlines, now).find(
      (e) => e.kind === kind && e.inviteeId === invitee.id,
    );
    const due = dueFor(deadlines, 'reports-to-service');
    const status: MyReportStatus =
      !entry || entry.state === 'missing'
        ? entry?.draftSaved
          ? 'draft'
          : 'not-started'
        : entry.state === 'received'
          ? 'submitted'
          : entry.state;
    items.push({
      conferenceId: conference.id,
      invitationId: invitation.id,
      reference: conference.reference,
      kind: conference.kind,
      scheduledStart: conference.scheduledStart,
      durationMinutes: conference.durationMinutes,
      due: due?.dueLabel ?? 'To be confirmed',
      status,
      overdue:
        (status === 'not-started' || status === 'draft') &&
        due !== undefined &&
        deadlineStatus(due, now) === 'overdue',
    });
  }
  return items.sort((a, b) => (a.scheduledStart ?? '9999').localeCompare(b.scheduledStart ?? '9999'));
}
