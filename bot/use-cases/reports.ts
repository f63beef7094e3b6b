/**
 * Agency reports: one use case per action, shared by the tab API now and by cards, the external link and
 * reminders later (STYLE.md #3). The rules live in bot/domain/reports; this file loads, decides, stores.
 */
import type { Clock } from '../domain/clock.js';
import type { Conference } from '../domain/conference.js';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import type {
  ConferenceStore,
  InvitationStore,
  OutboxMessage,
  ReportStore,
  StoredConference,
} from '../domain/ports.js';
import { assessQuorum, type QuorumSettingsInput } from '../domain/quorum.js';
import {
  decideReadiness,
  judgeSharing,
  markRead,
  parseReportContent,
  readingList,
  recordShare,
  reportReadiness,
  saveDraft,
  submitReport,
  type ReadinessDecisionInput,
  type Report,
  type ReportKind,
  type ShareInput,
} from '../domain/reports.js';
import type { z } from 'zod';
import { conferenceDeadlines, type TimescaleContext } from './conference-view.js';

export interface ReportDeps {
  conferences: ConferenceStore;
  reports: ReportStore;
  invitations: InvitationStore;
  clock: Clock;
  timescales: TimescaleContext;
  quorum: QuorumSettingsInput;
  /** Where the calendar cancellation of a postponed conference goes. */
  outbox?: { enqueue(messages: OutboxMessage[], now: Date): Promise<number>; kick(): void } | undefined;
}

async function conferenceOf(deps: ReportDeps, id: string): Promise<StoredConference> {
  const c = await deps.conferences.getConference(id);
  if (!c) throw new DomainError(ErrorCodes.CONFERENCE_NOT_FOUND, 'That conference could not be found.');
  return c;
}

async function reportOf(deps: ReportDeps, conferenceId: string, reportId: string) {
  const conference = await conferenceOf(deps, conferenceId);
  const report = await deps.reports.get(reportId);
  // A report of another conference is not found here: ids must not leak across conferences.
  if (!report || report.conferenceId !== conferenceId)
    throw new DomainError(ErrorCodes.REPORT_NOT_FOUND, 'That report could not be found.');
  return {
    conference,
    report,
    deadlines: conferenceDeadlines(conference, deps.timescales, deps.clock.now()),
  };
}

/** A report as returned to its writer or the chair: stored facts plus the sharing judgement. */
export function describeReport(report: Report, c: Conference, deps: ReportDeps) {
  const now = deps.clock.now();
  return { ...report, sharing: judgeSharing(report, conferenceDeadlines(c, deps.timescales, now), now) };
}

const NEEDS_INVITEE: ReadonlySet<ReportKind> = new Set(['agency']);

export async function createReport(
  deps: ReportDeps,
  conferenceId: string,
  input: { kind: ReportKind; inviteeId?: string | undefined },
) {
  const conference = await conferenceOf(deps, conferenceId);
  const inviteeId = input.inviteeId ?? null;
  if (inviteeId && !conference.invitees.some((i) => i.id === inviteeId))
    throw new DomainError(ErrorCodes.VALIDATION_FAILED, 'That person is not invited to this conference.', [
      { path: 'inviteeId', message: 'Choose someone invited to this conference.' },
    ]);
  if (!inviteeId && NEEDS_INVITEE.has(input.kind))
    throw new DomainError(
      ErrorCodes.VALIDATION_FAILED,
      'An agency report needs the invited person who writes it.',
      [{ path: 'inviteeId', message: 'Choose the invited person who writes this report.' }],
    );
  const report = await deps.reports.create({
    conferenceId,
    inviteeId,
    kind: input.kind,
    now: deps.clock.now(),
  });
  return describeReport(report, conference, deps);
}

export async function getReport(deps: ReportDeps, conferenceId: string, reportId: string) {
  const { conference, report } = await reportOf(deps, conferenceId, reportId);
  return describeReport(report, conference, deps);
}

/** Saves a draft as it is; the plain-language advice comes back with it (seed 003 §2.9), never blocking. */
export async function saveReportDraft(
  deps: ReportDeps,
  conferenceId: string,
  reportId: string,
  body: { content: unknown; savedBy: string },
) {
  const content = parseReportContent(body.content);
  const { conference, report } = await reportOf(deps, conferenceId, reportId);
  const version = saveDraft(report, content, body.savedBy, deps.clock.now());
  const saved = await deps.reports.appendVersion(reportId, version);
  return { report: describeReport(saved, conference, deps), plainLanguage: version.plainLanguage };
}

/** Submits or amends; without content, the latest saved version is submitted as it stands. */
export async function submitReportVersion(
  deps: ReportDeps,
  conferenceId: string,
  reportId: string,
  body: { content?: unknown; submittedBy: string },
) {
  const { conference, report, deadlines } = await reportOf(deps, conferenceId, reportId);
  const content =
    body.content === undefined ? (report.versions.at(-1)?.content ?? {}) : parseReportContent(body.content);
  const s = submitReport(report, content, body.submittedBy, deps.clock.now(), { conference, deadlines });
  const saved = await deps.reports.appendVersion(reportId, s.version, {
    submittedAt: s.submittedAt,
    late: s.late,
  });
  return {
    report: describeReport(saved, conference, deps),
    plainLanguage: s.version.plainLanguage,
    late: s.late,
    amendment: s.amendment,
  };
}

export async function markReportRead(
  deps: ReportDeps,
  conferenceId: string,
  reportId: string,
  body: { version: number; reader: string },
) {
  const { conference, report } = await reportOf(deps, conferenceId, reportId);
  const read = markRead(report, body.version, body.reader, deps.clock.now());
  return describeReport(await deps.reports.addRead(reportId, read), conference, deps);
}

export async function shareReport(
  deps: ReportDeps,
  conferenceId: string,
  reportId: string,
  body: z.output<typeof ShareInput>,
) {
  const { conference, report } = await reportOf(deps, conferenceId, reportId);
  const share = recordShare(report, body, deps.clock.now());
  return describeReport(await deps.reports.addShare(reportId, share), conference, deps);
}

/** The chair's reading list with readiness at the reading deadline and any decisions taken. */
export async function reportReadingList(deps: ReportDeps, conferenceId: string) {
  const now = deps.clock.now();
  const conference = await conferenceOf(deps, conferenceId);
  const deadlines = conferenceDeadlines(conference, deps.timescales, now);
  const entries = readingList(conference, await deps.reports.list(conferenceId), deadlines, now);
  const quorum = assessQuorum(conference, await deps.invitations.list(conferenceId), deps.quorum);
  const keys = ['reports-with-family', 'reports-to-service', 'chair-reads-reports', 'parents-have-reports'];
  return {
    conferenceId,
    entries,
    readiness: reportReadiness(entries, quorum, deadlines),
    deadlines: deadlines
      .filter((d) => keys.includes(d.key))
      .map((d) => ({ key: d.key, status: d.status, sentence: d.sentence })),
    decisions: await deps.reports.decisions(conferenceId),
  };
}

/** Seed 003 §1.6: go ahead or postpone; a postponement moves the conference and leaves everyone's calendar. */
export async function recordReadinessDecision(
  deps: ReportDeps,
  conferenceId: string,
  input: ReadinessDecisionInput,
) {
  const now = deps.clock.now();
  const conference = await conferenceOf(deps, conferenceId);
  const { decision, statusChange } = decideReadiness(conference, input, now, deps.timescales);
  await deps.reports.recordDecision({ decision, statusChange, expectedVersion: conference.version });
  if (statusChange && conference.scheduledStart && deps.outbox) {
    await deps.outbox.enqueue(
      [
        {
          kind: 'calendar-cancel',
          payload: { conferenceId, message: `The conference has been postponed: ${input.reason}` },
          dedupeKey: `calendar-cancel:${conferenceId}:${statusChange.at}`,
        },
      ],
      now,
    );
    deps.outbox.kick();
  }
  return decision;
}
