/**
 * The core group chase, run hourly in working hours: each action owner's progress card 2 working days
 * before a scheduled meeting (seed 002), and the escalation ladder (seed 003 §2.11, §5.1): an action
 * overdue or not done at two meetings running goes to the lead social worker, then to the chair.
 * Idempotent: every message has a dedupe key, so each card goes once per meeting, each escalation once
 * per action and level.
 */
import { DateTime } from 'luxon';
import { actionOwners, escalations } from '../domain/core-group/index.js';
import { isDomainError } from '../domain/errors.js';
import type { OutboxMessage } from '../domain/ports.js';
import { coreGroupProgressCardsDue } from '../domain/timescales/index.js';
import type { CoreGroupDeps } from '../use-cases/core-groups.js';
import { loadCoreGroup, londonToday } from '../use-cases/core-groups.js';

export interface CoreGroupChaseResult {
  progressCards: number;
  escalations: number;
}

export async function chaseCoreGroups(deps: CoreGroupDeps): Promise<CoreGroupChaseResult> {
  const now = deps.clock.now();
  const today = londonToday(now);
  const calendar = deps.timescales.calendar;
  const messages: OutboxMessage[] = [];
  for (const conferenceId of await deps.groups.activeConferenceIds()) {
    const g = await loadCoreGroup(deps, conferenceId).catch((e: unknown) => {
      // A plan that ended or a decision changed since: no core group to chase.
      if (isDomainError(e)) return undefined;
      throw e;
    });
    // A closed conference's plan has ended (a review ended it, or the child moved): nothing more to chase.
    if (!g || g.conference.status === 'closed' || g.conference.status === 'cancelled') continue;
    if (await deps.planEnded?.(conferenceId)) continue;
    for (const meeting of g.meetings) {
      if (meeting.status !== 'scheduled' || !meeting.startsAt) continue;
      const day =
        DateTime.fromISO(meeting.startsAt, { setZone: true }).setZone('Europe/London').toISODate() ?? '';
      if (day < today || coreGroupProgressCardsDue(day, calendar).due > today) continue;
      for (const owner of actionOwners(g.conference, g.record.actions, g.record.restrictedParts))
        messages.push({
          kind: 'core-group-progress',
          payload: { meetingId: meeting.id, personId: owner.person.id },
          dedupeKey: `core-group-progress:${meeting.id}:${owner.person.id}`,
        });
    }
    const standing = escalations({
      actions: g.record.actions,
      updates: g.updates,
      meetings: g.meetings,
      today,
      calendar,
    });
    for (const e of standing) {
      // The lead social worker is always told first; the chair once it climbs.
      for (const level of e.level === 'chair'
        ? (['lead-social-worker', 'chair'] as const)
        : (['lead-social-worker'] as const))
        messages.push({
          kind: 'core-group-escalation',
          payload: { conferenceId, level, actionIds: [e.actionId] },
          dedupeKey: `core-group-escalation:${conferenceId}:${e.actionId}:${level}`,
        });
    }
  }
  const added = messages.length ? await deps.invitations.enqueue(messages, now) : 0;
  if (added) deps.kickOutbox();
  return {
    progressCards: messages.filter((m) => m.kind === 'core-group-progress').length,
    escalations: messages.filter((m) => m.kind === 'core-group-escalation').length,
  };
}
