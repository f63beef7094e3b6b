import type { ConferenceRequest, ConferenceStatus } from '../domain/conference.js';
import type { Clock } from '../domain/clock.js';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import { transition } from '../domain/lifecycle.js';
import type { ConferenceStore, OutboxMessage } from '../domain/ports.js';
import type { ConferenceView } from '../http/views.js';
import type { TimescaleContext } from './conference-view.js';
import { nextDeadlineSentence, toConferenceView } from './conference-view.js';

export interface ConferenceDeps {
  conferences: ConferenceStore;
  clock: Clock;
  timescales: TimescaleContext;
  /** Where follow-up messages go (the calendar cancellation); absent in pure request tests. */
  outbox?: { enqueue(messages: OutboxMessage[], now: Date): Promise<number>; kick(): void } | undefined;
}

/** A social worker requests a conference after section 47 enquiries. */
export async function requestConference(
  deps: ConferenceDeps,
  request: ConferenceRequest,
): Promise<ConferenceView> {
  const now = deps.clock.now();
  // Compute the deadlines before saving, so a date past the shipped bank holidays is refused, not stored.
  toConferenceView(
    {
      ...request,
      id: 'pending',
      version: 0,
      reference: 'pending',
      status: 'requested',
      children: [],
      familyMembers: [],
      invitees: [],
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      statusHistory: [],
    },
    deps.timescales,
    now,
  );
  const created = await deps.conferences.createConference(request, now);
  return toConferenceView(created, deps.timescales, now);
}

export async function getConference(deps: ConferenceDeps, id: string): Promise<ConferenceView> {
  const c = await deps.conferences.getConference(id);
  if (!c) throw new DomainError(ErrorCodes.CONFERENCE_NOT_FOUND, 'There is no conference with that id.');
  return toConferenceView(c, deps.timescales, deps.clock.now());
}

export async function listConferences(
  deps: ConferenceDeps,
  query: {
    status?: ConferenceStatus | undefined;
    limit: number;
    offset: number;
    participant?: string | undefined;
  },
) {
  const now = deps.clock.now();
  const items = await deps.conferences.listConferences(query);
  return {
    items: items.map((c) => {
      const next = nextDeadlineSentence(c, deps.timescales, now);
      return { ...c, ...(next ? { nextDeadline: next } : {}) };
    }),
    limit: query.limit,
    offset: query.offset,
  };
}

/** Moves a conference along its lifecycle (e.g. cancelled or postponed, with the reason recorded). */
export async function changeStatus(
  deps: ConferenceDeps,
  id: string,
  to: ConferenceStatus,
  reason: string | undefined,
  expectedVersion?: number,
): Promise<ConferenceView> {
  const c = await deps.conferences.getConference(id);
  if (!c) throw new DomainError(ErrorCodes.CONFERENCE_NOT_FOUND, 'There is no conference with that id.');
  const change = transition(c, to, deps.clock.now(), reason);
  const updated = await deps.conferences.updateStatus(id, change, expectedVersion ?? c.version);
  // A conference that will not happen on its date leaves everyone's calendar, with the reason.
  if ((to === 'cancelled' || to === 'postponed') && c.scheduledStart && deps.outbox) {
    const message = `The conference has been ${to}: ${change.reason ?? ''}`.trim();
    await deps.outbox.enqueue(
      [
        {
          kind: 'calendar-cancel',
          payload: { conferenceId: id, message },
          dedupeKey: `calendar-cancel:${id}:${change.at}`,
        },
      ],
      change.at ? new Date(change.at) : deps.clock.now(),
    );
    deps.outbox.kick();
  }
  return toConferenceView(updated, deps.timescales, deps.clock.now());
}
