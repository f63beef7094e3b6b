/** The ReportStore port over Kysely: each operation is one transaction; reads stay inside it (PGlite has one connection). */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import type { ReportStore } from '../domain/ports.js';
import type { ReadinessDecision, Report, ReportKind, ReportVersion, ShareMethod } from '../domain/reports.js';
import type { ConferenceRepository } from './conference-repository.js';
import type { Database, ReadinessDecisionsTable, ReportsTable } from './schema.js';

/** A version appended by someone else meanwhile; the edge answers 409 "reload and try again". */
export class ReportVersionConflict extends Error {
  readonly code = 'VERSION_CONFLICT';
  constructor(readonly reportId: string) {
    super('This report was changed by someone else. Reload it and try again.');
    this.name = 'ReportVersionConflict';
  }
}

const notFound = () => new DomainError(ErrorCodes.REPORT_NOT_FOUND, 'That report could not be found.');

async function load(db: Kysely<Database>, rows: Selectable<ReportsTable>[]): Promise<Report[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // One after another: a transaction is one connection, and PGlite has only one.
  const versions = await db
    .selectFrom('report_versions')
    .selectAll()
    .where('report_id', 'in', ids)
    .orderBy('report_id')
    .orderBy('version')
    .execute();
  const reads = await db
    .selectFrom('report_reads')
    .selectAll()
    .where('report_id', 'in', ids)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const shares = await db
    .selectFrom('report_shares')
    .selectAll()
    .where('report_id', 'in', ids)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    conferenceId: r.conference_id,
    inviteeId: r.invitee_id,
    familyMemberId: r.family_member_id,
    kind: r.kind as ReportKind,
    status: r.status,
    currentVersion: r.current_version,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    late: r.late,
    versions: versions
      .filter((v) => v.report_id === r.id)
      .map((v) => ({
        version: v.version,
        content: v.content as ReportVersion['content'],
        plainLanguage: v.plain_language as ReportVersion['plainLanguage'],
        savedBy: v.saved_by,
        savedAt: v.saved_at.toISOString(),
        submitted: v.submitted,
      })),
    reads: reads
      .filter((x) => x.report_id === r.id)
      .map((x) => ({ version: x.version, reader: x.reader, at: x.at.toISOString() })),
    shares: shares
      .filter((x) => x.report_id === r.id)
      .map((x) => ({
        at: x.at.toISOString(),
        how: x.how as ShareMethod,
        by: x.shared_by,
        familyResponse: x.family_response,
      })),
  }));
}

const toDecision = (d: Selectable<ReadinessDecisionsTable>): ReadinessDecision => ({
  conferenceId: d.conference_id,
  decision: d.decision,
  reason: d.reason,
  newStart: d.new_start,
  withinTimescale: d.within_timescale,
  timescale: d.timescale,
  delayExplanation: d.delay_explanation,
  by: d.decided_by,
  at: d.at.toISOString(),
});

export function reportStore(db: Kysely<Database>, conferences: ConferenceRepository): ReportStore {
  const one = async (trx: Kysely<Database>, id: string): Promise<Report> => {
    const row = await trx.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
    const [report] = row ? await load(trx, [row]) : [];
    if (!report) throw notFound();
    return report;
  };
  const tx = <T>(fn: (trx: Kysely<Database>) => Promise<T>) => db.transaction().execute(fn);

  return {
    create: ({ conferenceId, inviteeId, familyMemberId = null, kind, now }) =>
      tx(async (trx) => {
        let q = trx
          .selectFrom('reports')
          .select('id')
          .where('conference_id', '=', conferenceId)
          .where('kind', '=', kind);
        q = inviteeId === null ? q.where('invitee_id', 'is', null) : q.where('invitee_id', '=', inviteeId);
        q =
          familyMemberId === null
            ? q.where('family_member_id', 'is', null)
            : q.where('family_member_id', '=', familyMemberId);
        if (await q.executeTakeFirst())
          throw new DomainError(
            ErrorCodes.REPORT_EXISTS,
            'There is already a report of this kind for this person; open it instead.',
          );
        const id = randomUUID();
        await trx
          .insertInto('reports')
          .values({
            id,
            conference_id: conferenceId,
            invitee_id: inviteeId,
            family_member_id: familyMemberId,
            kind,
            status: 'draft',
            created_at: now,
          })
          .execute();
        return one(trx, id);
      }),

    get: (reportId) =>
      tx(async (trx) => {
        const row = await trx.selectFrom('reports').selectAll().where('id', '=', reportId).executeTakeFirst();
        return row ? (await load(trx, [row]))[0] : undefined;
      }),

    list: (conferenceId) =>
      tx(async (trx) =>
        load(
          trx,
          await trx
            .selectFrom('reports')
            .selectAll()
            .where('conference_id', '=', conferenceId)
            .orderBy('created_at')
            .orderBy('id')
            .execute(),
        ),
      ),

    appendVersion: (reportId, v, submission) =>
      tx(async (trx) => {
        // Only the writer who saw the current version may add the next: a lost race is a conflict, not an overwrite.
        const updated = await trx
          .updateTable('reports')
          .set({
            current_version: v.version,
            ...(submission
              ? { status: 'submitted' as const, submitted_at: submission.submittedAt, late: submission.late }
              : {}),
          })
          .where('id', '=', reportId)
          .where('current_version', '=', v.version - 1)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) {
          await one(trx, reportId); // throws REPORT_NOT_FOUND for an unknown id
          throw new ReportVersionConflict(reportId);
        }
        await trx
          .insertInto('report_versions')
          .values({
            report_id: reportId,
            version: v.version,
            content: JSON.stringify(v.content),
            plain_language: JSON.stringify(v.plainLanguage),
            saved_by: v.savedBy,
            saved_at: v.savedAt,
            submitted: v.submitted,
          })
          .execute();
        return one(trx, reportId);
      }),

    addRead: (reportId, read) =>
      tx(async (trx) => {
        await trx
          .insertInto('report_reads')
          .values({
            id: randomUUID(),
            report_id: reportId,
            version: read.version,
            reader: read.reader,
            at: read.at,
          })
          .execute();
        return one(trx, reportId);
      }),

    addShare: (reportId, share) =>
      tx(async (trx) => {
        await trx
          .insertInto('report_shares')
          .values({
            id: randomUUID(),
            report_id: reportId,
            at: share.at,
            how: share.how,
            shared_by: share.by,
            family_response: share.familyResponse,
          })
          .execute();
        return one(trx, reportId);
      }),

    recordDecision: ({ decision: d, statusChange, expectedVersion }) =>
      db.transaction().execute(async (trx) => {
        if (statusChange) await conferences.updateStatus(d.conferenceId, statusChange, expectedVersion, trx);
        await trx
          .insertInto('readiness_decisions')
          .values({
            id: randomUUID(),
            conference_id: d.conferenceId,
            decision: d.decision,
            reason: d.reason,
            new_start: d.newStart,
            within_timescale: d.withinTimescale,
            timescale: d.timescale,
            delay_explanation: d.delayExplanation,
            decided_by: d.by,
            at: d.at,
          })
          .execute();
      }),

    decisions: async (conferenceId) =>
      (
        await db
          .selectFrom('readiness_decisions')
          .selectAll()
          .where('conference_id', '=', conferenceId)
          .orderBy('at')
          .orderBy('id')
          .execute()
      ).map(toDecision),
  };
}
