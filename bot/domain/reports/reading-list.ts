/**
 * The chair's reading list: every report the conference expects, where each stands, and what the chair
 * has read. Seed 003 §1.5: the chair reads every report at least 24 hours before; seed 002: there is no
 * reading time in the meeting.
 */
import type { Conference } from '../conference.js';
import { DomainError, ErrorCodes } from '../errors.js';
import type { Deadline } from '../timescales/index.js';
import { latestSubmitted, type Report, type ReportRead } from './report.js';
import { judgeSharing, type SharingJudgement } from './sharing.js';
import type { ReportKind } from './template.js';

export type ReadingState = 'missing' | 'received' | 'late' | 'amended-since-read';

export interface ExpectedReport {
  kind: ReportKind;
  inviteeId: string | null;
  /** "Asha Patel, Health visitor (Northshire Community Health)" or "Social worker (Alex Carter)". */
  author: string;
}

export interface ReadingListEntry extends ExpectedReport {
  reportId: string | null;
  state: ReadingState;
  draftSaved: boolean;
  late: boolean;
  submittedVersion: number | null;
  /** The newest version the chair has read, if any. */
  readVersion: number | null;
  sharing: SharingJudgement | null;
}

/**
 * Who owes a report. Initial and transfer-in: every invited agency and the social worker (seed 001:
 * "reports should be submitted even when you are also attending"). Review: the core group progress
 * report and the police report only (seed 002). Deputies report for the person they replace.
 */
export function expectedReports(conference: Conference): ExpectedReport[] {
  const invited = conference.invitees.filter((i) => !i.deputyFor);
  const sw = `Social worker (${conference.leadSocialWorker.name})`;
  if (conference.kind === 'review') {
    const police = invited.find((i) => i.agencyKind === 'police');
    return [
      { kind: 'core-group-progress', inviteeId: null, author: `Core group, led by ${sw.toLowerCase()}` },
      police
        ? {
            kind: 'police',
            inviteeId: police.id,
            author: `${police.name}, ${police.role} (${police.agency})`,
          }
        : { kind: 'police', inviteeId: null, author: 'Police' },
    ];
  }
  return [
    { kind: 'social-work', inviteeId: null, author: sw },
    ...invited
      .filter((i) => i.agencyKind !== 'childrens-social-care')
      .map((i) => ({
        kind: 'agency' as const,
        inviteeId: i.id,
        author: `${i.name}, ${i.role} (${i.agency})`,
      })),
  ];
}

const sameSlot = (r: Report, e: ExpectedReport) =>
  r.kind === e.kind && (r.inviteeId === e.inviteeId || (e.kind === 'police' && e.inviteeId === null));

function entryFor(e: ExpectedReport, report: Report | undefined, deadlines: readonly Deadline[], now: Date) {
  const submitted = report && latestSubmitted(report);
  const readVersion =
    report?.reads.reduce<number | null>((m, r) => Math.max(m ?? 0, r.version), null) ?? null;
  let state: ReadingState = 'missing';
  if (submitted)
    state =
      readVersion !== null && readVersion < submitted.version
        ? 'amended-since-read'
        : report.late
          ? 'late'
          : 'received';
  return {
    ...e,
    reportId: report?.id ?? null,
    state,
    draftSaved: !!report && !submitted && report.versions.length > 0,
    late: report?.late ?? false,
    submittedVersion: submitted?.version ?? null,
    readVersion,
    sharing: report ? judgeSharing(report, deadlines, now) : null,
  } satisfies ReadingListEntry;
}

/** The family's own views first, then the expected reports in a stable order, then any others written. */
export function readingList(
  conference: Conference,
  reports: readonly Report[],
  deadlines: readonly Deadline[],
  now: Date,
): ReadingListEntry[] {
  const expected = expectedReports(conference);
  const used = new Set<string>();
  const out = expected.map((e) => {
    const report = reports.find((r) => !used.has(r.id) && sameSlot(r, e));
    if (report) used.add(report.id);
    return entryFor(e, report, deadlines, now);
  });
  const family: ReadingListEntry[] = [];
  for (const r of reports.filter((x) => !used.has(x.id))) {
    const invitee = conference.invitees.find((i) => i.id === r.inviteeId);
    const member = conference.familyMembers.find((f) => f.id === r.familyMemberId);
    const author =
      r.kind === 'family-views'
        ? member
          ? `${member.firstName} ${member.lastName} (${member.relationship})`
          : 'The family'
        : invitee
          ? `${invitee.name} (${invitee.agency})`
          : r.kind;
    const entry = entryFor({ kind: r.kind, inviteeId: r.inviteeId, author }, r, deadlines, now);
    (r.kind === 'family-views' ? family : out).push(entry);
  }
  // The family's own views come first: they are never read after the professionals' reports.
  return [...family, ...out];
}

/** The chair records reading one submitted version; reading a draft is not reading the report. */
export function markRead(report: Report, version: number, reader: string, at: Date): ReportRead {
  if (!report.versions.some((v) => v.version === version && v.submitted))
    throw new DomainError(
      ErrorCodes.REPORT_VERSION_UNKNOWN,
      `Version ${version} of this report has not been submitted, so it cannot be marked as read.`,
    );
  return { version, reader, at: at.toISOString() };
}
