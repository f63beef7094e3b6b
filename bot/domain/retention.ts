/**
 * How long Roundtable keeps what it holds. Child protection records are kept for decades (a common
 * council schedule: 35 years after the case closed), the audit trail as long as the case it describes,
 * and delivered outbox rows (ids only, the trace of a sent message) for a few months.
 */
import { DateTime } from 'luxon';

export interface RetentionSettings {
  /** Years a closed or cancelled conference is kept after its last change. */
  caseYears: number;
  /** Years an audit event is kept. */
  auditYears: number;
  /** Days a delivered outbox row is kept. */
  outboxDays: number;
}

export const DEFAULT_RETENTION: RetentionSettings = { caseYears: 35, auditYears: 35, outboxDays: 90 };

/** Statuses after which a conference no longer changes; only these are ever purged. */
export const FINISHED_STATUSES = ['closed', 'cancelled'] as const;

export interface RetentionCutoffs {
  /** Finished conferences last changed before this go, with everything that hangs off them. */
  caseRecordsBefore: Date;
  auditEventsBefore: Date;
  deliveredOutboxBefore: Date;
}

/** Calendar arithmetic in England, so a cutoff never lands an hour early across a clock change. */
export function retentionCutoffs(now: Date, s: RetentionSettings): RetentionCutoffs {
  const today = DateTime.fromJSDate(now, { zone: 'Europe/London' });
  return {
    caseRecordsBefore: today.minus({ years: s.caseYears }).toJSDate(),
    auditEventsBefore: today.minus({ years: s.auditYears }).toJSDate(),
    deliveredOutboxBefore: today.minus({ days: s.outboxDays }).toJSDate(),
  };
}
