/**
 * One report's rules: drafts are saved as they are, a submission must be complete, a submitted report
 * may be amended until the conference starts (every version kept), and lateness is marked, not refused.
 */
import type { Conference } from '../conference.js';
import { DomainError, ErrorCodes } from '../errors.js';
import { checkPlainLanguage, type Finding } from '../plain-language/index.js';
import { deadlineStatus, dueFor, type Deadline } from '../timescales/index.js';
import { toLocalDateTime } from '../timescales/dates.js';
import { missingFields, reportTexts } from './completeness.js';
import { ReportContent, type ReportKind, type ShareMethod } from './template.js';

export type ReportStatus = 'draft' | 'submitted';

/** The plain-language advice on a version (seed 003 §2.9): shown to the writer, never blocking. */
export interface PlainLanguageResult {
  summary: { acronyms: number; jargon: number; longSentences: number; total: number };
  /** `field` is the content path, e.g. "worries.harm"; offsets are into that field's text. */
  findings: (Finding & { field: string })[];
}

export interface ReportVersion {
  version: number;
  content: ReportContent;
  plainLanguage: PlainLanguageResult;
  savedBy: string;
  savedAt: string;
  submitted: boolean;
}

export interface ReportShare {
  at: string;
  how: ShareMethod;
  by: string;
  familyResponse: string;
}

export interface ReportRead {
  version: number;
  reader: string;
  at: string;
}

export interface Report {
  id: string;
  conferenceId: string;
  /** Null for the social work report, the core group report and the family's own views. */
  inviteeId: string | null;
  /** The family member whose own views these are; each family member writes their own. */
  familyMemberId?: string | null;
  kind: ReportKind;
  status: ReportStatus;
  currentVersion: number;
  /** The first submission; amendments keep it. */
  submittedAt: string | null;
  /** Submitted after the 'reports-to-service' deadline. */
  late: boolean;
  versions: ReportVersion[];
  reads: ReportRead[];
  shares: ReportShare[];
}

/** Parses content from any edge; each problem names its field (e.g. content.worries.harm). */
export function parseReportContent(input: unknown): ReportContent {
  const r = ReportContent.safeParse(input ?? {});
  if (r.success) return r.data;
  throw new DomainError(
    ErrorCodes.VALIDATION_FAILED,
    'The report has problems; nothing was saved.',
    r.error.issues.map((i) => ({
      path: ['content', ...i.path.map(String)].join('.'),
      message:
        i.code === 'unrecognized_keys' ? `Remove the unexpected field(s): ${i.keys.join(', ')}.` : i.message,
    })),
  );
}

export function plainLanguageOf(content: ReportContent): PlainLanguageResult {
  const summary = { acronyms: 0, jargon: 0, longSentences: 0, total: 0 };
  const findings: PlainLanguageResult['findings'] = [];
  for (const { path, text } of reportTexts(content)) {
    const r = checkPlainLanguage(text);
    summary.acronyms += r.summary.acronyms;
    summary.jargon += r.summary.jargon;
    summary.longSentences += r.summary.longSentences;
    summary.total += r.summary.total;
    findings.push(...r.findings.map((f) => ({ ...f, field: path })));
  }
  return { summary, findings };
}

const STARTED: ReadonlySet<Conference['status']> = new Set([
  'in-progress',
  'decided',
  'outcome-sent',
  'minutes-approved',
  'closed',
  'cancelled',
]);

/** True once the conference has begun (by status, or because its start time has passed). */
export function conferenceHasStarted(c: Pick<Conference, 'status' | 'scheduledStart'>, now: Date): boolean {
  if (STARTED.has(c.status)) return true;
  return c.scheduledStart !== undefined && now >= toLocalDateTime(c.scheduledStart).toJSDate();
}

const newVersion = (
  report: Report,
  content: ReportContent,
  by: string,
  at: Date,
  submitted: boolean,
): ReportVersion => ({
  version: report.currentVersion + 1,
  content,
  plainLanguage: plainLanguageOf(content),
  savedBy: by,
  savedAt: at.toISOString(),
  submitted,
});

/** A draft is saved as it is, however partial; once submitted, changes go through an amendment. */
export function saveDraft(report: Report, content: ReportContent, by: string, at: Date): ReportVersion {
  if (report.status === 'submitted')
    throw new DomainError(
      ErrorCodes.REPORT_ALREADY_SUBMITTED,
      'This report has been submitted; submit the amended report instead of saving a draft.',
    );
  return newVersion(report, content, by, at, false);
}

export interface Submission {
  version: ReportVersion;
  submittedAt: string;
  late: boolean;
  amendment: boolean;
}

/**
 * Submits (or amends) a report. It must be complete; after the conference starts nothing changes. A first
 * submission after the 'reports-to-service' day is marked late (seed 002: two working days before).
 */
export function submitReport(
  report: Report,
  content: ReportContent,
  by: string,
  at: Date,
  ctx: { conference: Pick<Conference, 'status' | 'scheduledStart'>; deadlines: readonly Deadline[] },
): Submission {
  if (conferenceHasStarted(ctx.conference, at))
    throw new DomainError(
      ErrorCodes.REPORT_CONFERENCE_STARTED,
      'The conference has started, so this report can no longer be submitted or amended.',
    );
  const gaps = missingFields(report.kind, content);
  if (gaps.length)
    throw new DomainError(
      ErrorCodes.REPORT_INCOMPLETE,
      `The report is not complete: ${gaps.length} ${gaps.length === 1 ? 'field needs' : 'fields need'} filling in. Your draft is kept.`,
      gaps.map((g) => ({ path: `content.${g.path}`, message: g.message })),
    );
  const amendment = report.status === 'submitted';
  if (amendment && report.submittedAt)
    return {
      version: newVersion(report, content, by, at, true),
      submittedAt: report.submittedAt,
      late: report.late,
      amendment,
    };
  const due = dueFor(ctx.deadlines, 'reports-to-service');
  // The family's own views have no deadline to miss.
  const late = report.kind !== 'family-views' && due !== undefined && deadlineStatus(due, at) === 'overdue';
  return {
    version: newVersion(report, content, by, at, true),
    submittedAt: at.toISOString(),
    late,
    amendment,
  };
}

/** The latest submitted version: what the chair reads. */
export const latestSubmitted = (report: Report): ReportVersion | undefined =>
  report.versions.filter((v) => v.submitted).at(-1);
