/**
 * Tells the case-management system that a plan started, changed or ended (seed 003 §4.2). The message
 * is kept for the export whether or not a webhook is configured, and queued for the webhook when one is.
 */
import { randomUUID } from 'node:crypto';
import {
  caseSystemMessage,
  type CaseSystemEvent,
  type CaseSystemMessage,
  type PlanEndReason,
  type PlanState,
} from '../domain/case-system.js';
import type { Clock } from '../domain/clock.js';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import type { ConferenceStore } from '../domain/ports.js';
import type { CaseSystemRepository } from '../store/case-system-repository.js';

export interface CaseSystemDeps {
  conferences: ConferenceStore;
  messages: CaseSystemRepository;
  clock: Clock;
  /** True when a webhook is configured; otherwise the export is the only way out. */
  webhook: boolean;
  kickOutbox(): void;
}

export async function notifyCaseSystem(
  deps: CaseSystemDeps,
  conferenceId: string,
  change: { event: CaseSystemEvent; plan: PlanState | null; endReason?: PlanEndReason },
): Promise<CaseSystemMessage> {
  const conference = await deps.conferences.getConference(conferenceId);
  if (!conference)
    throw new DomainError(ErrorCodes.CONFERENCE_NOT_FOUND, 'That conference could not be found.');
  const message = caseSystemMessage(randomUUID(), conference, change, deps.clock.now());
  await deps.messages.record(message, { deliver: deps.webhook, now: deps.clock.now() });
  if (deps.webhook) deps.kickOutbox();
  return message;
}
