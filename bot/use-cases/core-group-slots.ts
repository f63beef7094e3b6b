/**
 * Times for the first core group meeting: within 10 working days of the conference (DESIGN.md §1;
 * Cornwall, seed 004), chosen from the free/busy of the professionals who will be in it.
 */
import { DateTime } from 'luxon';
import type { Clock } from '../domain/clock.js';
import type { Conference } from '../domain/conference.js';
import { proposeSlots } from '../domain/core-group-slots.js';
import type { Slot, SlotRequest } from '../domain/core-group-slots.js';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import type { ConferenceStore, InvitationRecord, InvitationStore } from '../domain/ports.js';
import type { RsvpAnswer } from '../domain/rsvp.js';
import { LONDON } from '../domain/timescales/dates.js';
import { computeDeadlines, dueFor } from '../domain/timescales/index.js';
import type { Deadline } from '../domain/timescales/index.js';
import type { TimescaleContext } from './conference-view.js';

/** One mailbox's busy periods; `known: false` when its calendar could not be read. */
export interface MailboxFreeBusy {
  mailbox: string;
  known: boolean;
  busy: { start: string; end: string }[];
}

/** The free/busy port; the Graph calendar adapter (getSchedule) implements it. */
export interface FreeBusy {
  freeBusy(mailboxes: string[], window: { start: Date; end: Date }): Promise<MailboxFreeBusy[]>;
}

export interface CoreGroupSlotDeps {
  conferences: ConferenceStore;
  invitations: InvitationStore;
  clock: Clock;
  timescales: TimescaleContext;
  freeBusy: FreeBusy;
}

/** Someone whose calendar is consulted; `id` is the lower-case email, as in the slots' lists. */
export interface CoreGroupCandidate {
  id: string;
  name: string;
  role: string;
  required: boolean;
}

export interface CoreGroupSlotProposal {
  conferenceId: string;
  /** English local dates, both included: the working day after the conference to the deadline. */
  window: { from: string; to: string };
  deadline: Deadline;
  candidates: CoreGroupCandidate[];
  slots: Slot[];
  /** False when no time suits every required person: the slots are then the best partial ones. */
  allRequiredFree: boolean;
}

export type CoreGroupSlotOptions = Pick<
  SlotRequest,
  'durationMinutes' | 'workingHours' | 'stepMinutes' | 'max'
>;

/** Invitees who came, or sent someone, to the conference are the likely core group professionals. */
const ATTENDING: readonly RsvpAnswer[] = ['attending-in-person', 'attending-virtually'];
const NO_CORE_GROUP = ['cancelled', 'postponed', 'inquorate'];

const invalid = (message: string) =>
  new DomainError(ErrorCodes.VALIDATION_FAILED, message, [{ path: 'conference', message }]);

/**
 * The lead social worker (required), the chair and attending invitees or their deputies (optional).
 * Family members are left out on purpose: they are not in Graph, and the social worker arranges the
 * time with them.
 */
export function coreGroupCandidates(c: Conference, invitations: readonly InvitationRecord[]) {
  const byId = new Map<string, CoreGroupCandidate>();
  const add = (email: string, name: string, role: string, required: boolean) => {
    const id = email.trim().toLowerCase();
    const known = byId.get(id);
    if (known) known.required ||= required;
    else byId.set(id, { id, name, role, required });
  };
  add(c.leadSocialWorker.email, c.leadSocialWorker.name, 'Lead social worker', true);
  if (c.chair) add(c.chair.email, c.chair.name, 'Chair', false);
  for (const inv of invitations) {
    const invitee = c.invitees.find((i) => i.id === inv.inviteeId);
    if (inv.withdrawn || !invitee || !inv.answer) continue;
    if (ATTENDING.includes(inv.answer)) add(invitee.email, invitee.name, invitee.role, false);
    else if (inv.answer === 'sending-deputy' && inv.deputy)
      add(inv.deputy.email, inv.deputy.name, `${invitee.role} (in place of ${invitee.name})`, false);
  }
  return [...byId.values()];
}

/** The first core group deadline, counted from the conference day as if it meets when scheduled. */
function firstCoreGroupWindow(c: Conference, t: TimescaleContext) {
  if (NO_CORE_GROUP.includes(c.status))
    throw invalid(`A ${c.status} conference does not set up a core group.`);
  if (!c.scheduledStart) throw invalid('Set the conference date first: the core group is counted from it.');
  const heldOn = c.scheduledStart.slice(0, 10);
  // The same inputs as conferenceDeadlines (conference-view.ts), plus the day it meets.
  const deadlines = computeDeadlines(
    {
      kind: c.kind,
      strategyDiscussionDate: c.strategyDiscussionDate,
      previousConferenceDate: c.previousConferenceDate,
      scheduledStart: c.scheduledStart,
      heldOn,
    },
    t.calendar,
    t.settings,
  );
  const deadline = dueFor(deadlines, 'first-core-group');
  if (!deadline) throw invalid('A review conference keeps the core group it already has.');
  return { from: t.calendar.addWorkingDays(heldOn, 1), to: deadline.due, deadline };
}

const localMidnight = (day: string) => DateTime.fromISO(day, { zone: LONDON }).startOf('day');

/** Proposes times for the first core group meeting of a conference, best first. */
export async function proposeFirstCoreGroupSlots(
  deps: CoreGroupSlotDeps,
  conferenceId: string,
  options: CoreGroupSlotOptions = {},
): Promise<CoreGroupSlotProposal> {
  const conference = await deps.conferences.getConference(conferenceId);
  if (!conference)
    throw new DomainError(ErrorCodes.CONFERENCE_NOT_FOUND, 'That conference could not be found.');
  const { from, to, deadline } = firstCoreGroupWindow(conference, deps.timescales);
  return proposeCoreGroupSlots(deps, conference, { from, to }, deadline, options);
}

/** Proposes times within a window (a later core group: the days before it is due), best first. */
export async function proposeCoreGroupSlots(
  deps: CoreGroupSlotDeps,
  conference: Conference,
  window: { from: string; to: string },
  deadline: Deadline,
  options: CoreGroupSlotOptions = {},
): Promise<CoreGroupSlotProposal> {
  const { from, to } = window;
  const candidates = coreGroupCandidates(conference, await deps.invitations.list(conference.id));
  const answers = await deps.freeBusy.freeBusy(
    candidates.map((c) => c.id),
    { start: localMidnight(from).toJSDate(), end: localMidnight(to).plus({ days: 1 }).toJSDate() },
  );
  const byMailbox = new Map(answers.map((a) => [a.mailbox.trim().toLowerCase(), a]));
  const slots = proposeSlots({
    ...options,
    window: { from, to },
    // A mailbox missing from the answer is as unknown as one Graph could not read.
    people: candidates.map((c) => {
      const answer = byMailbox.get(c.id);
      const busy = answer?.known ? answer.busy.map(({ start, end }) => ({ start, end })) : 'unknown';
      return { id: c.id, required: c.required, busy };
    }),
    calendar: deps.timescales.calendar,
    now: deps.clock.now(),
  });
  return {
    conferenceId: conference.id,
    window: { from, to },
    deadline,
    candidates,
    slots,
    allRequiredFree: slots[0]?.allRequiredFree ?? false,
  };
}
