/**
 * The daily retention run: finished conferences past the case retention period, audit events past
 * theirs, and delivered outbox rows. Every purge leaves its own record in the audit trail (the
 * conferences by id, the audit events by count through the database's own trigger).
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../domain/clock.js';
import { retentionCutoffs, type RetentionSettings } from '../domain/retention.js';
import type { AuditRepository } from '../store/audit-repository.js';
import type { RetentionRepository } from '../store/retention-repository.js';

export interface RetentionDeps {
  retention: RetentionRepository;
  audit: AuditRepository;
  clock: Clock;
  settings: RetentionSettings;
}

export interface RetentionResult {
  conferences: number;
  auditEvents: number;
  outboxRows: number;
}

const ACTOR = { actor: 'retention-job', actorRole: 'system' };

export async function applyRetention(deps: RetentionDeps): Promise<RetentionResult> {
  const cutoffs = retentionCutoffs(deps.clock.now(), deps.settings);
  const by = { ...ACTOR, correlationId: randomUUID() };
  const conferences = await deps.retention.purgeConferencesBefore(cutoffs.caseRecordsBefore, by);
  const auditEvents = await deps.audit.purgeBefore(cutoffs.auditEventsBefore, by);
  const outboxRows = await deps.retention.purgeDeliveredOutboxBefore(cutoffs.deliveredOutboxBefore);
  // Counts only: the ids are in the audit trail, and a log is no place for case identifiers.
  return { conferences: conferences.length, auditEvents, outboxRows };
}
