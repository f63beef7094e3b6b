/**
 * The core group's cards, rendered from the current records at send time
 * (the outbox holds ids only). Chat cards carry the reference and the child's initials, never names.
 * Their email fallbacks are in core-group-mail.ts.
 */
import { renderCoreGroupEscalation } from '../../cards/core-group-escalation.js';
import { renderCoreGroupProgress } from '../../cards/core-group-progress.js';
import type { ProgressCardData } from '../../cards/core-group-progress.js';
import { renderCoreGroupSlots } from '../../cards/core-group-slots.js';
import type { AdaptiveCard } from '../../cards/render.js';
import { initials } from '../domain/conference.js';
import type { Conference } from '../domain/conference.js';
import { actionOwners, chooseSlot, isOverdue, latest, PROGRESS_LABELS } from '../domain/core-group/index.js';
import type { CoreGroupMeeting, Escalation, ProgressStatus } from '../domain/core-group/index.js';
import { dateLabel, dateTimeLabel } from '../domain/timescales/index.js';
import { DateTime } from 'luxon';
import type { CoreGroup } from './core-groups.js';
import { londonToday } from './core-groups.js';

const when = (iso: string | undefined) =>
  iso ? dateTimeLabel(DateTime.fromISO(iso, { setZone: true })) : undefined;

/** The person's email, from the conference (record people carry no email). */
export function emailOf(c: Conference, personId: string): { name: string; email: string } | undefined {
  if (personId === 'chair' && c.chair) return { name: c.chair.name, email: c.chair.email };
  if (personId === 'lead-social-worker')
    return { name: c.leadSocialWorker.name, email: c.leadSocialWorker.email };
  if (personId === 'minute-taker' && c.minuteTaker)
    return { name: c.minuteTaker.name, email: c.minuteTaker.email };
  const invitee = c.invitees.find((i) => i.id === personId);
  return invitee && { name: invitee.name, email: invitee.email };
}

/** The scheduling card as one member sees it. */
export function slotsCard(g: CoreGroup, meeting: CoreGroupMeeting, personId: string): AdaptiveCard {
  const mine = meeting.answers.find((a) => a.personId === personId);
  const viewer = g.people.find((p) => p.id === personId)?.aadObjectId;
  const choice = chooseSlot(meeting.offeredSlots, meeting.answers, g.members);
  // The stored start is the same instant as the offered one, not always the same text.
  const fixed = meeting.startsAt
    ? meeting.offeredSlots.find((s) => Date.parse(s.start) === Date.parse(meeting.startsAt ?? ''))
    : undefined;
  return renderCoreGroupSlots({
    conferenceId: g.conference.id,
    meetingId: meeting.id,
    reference: g.conference.reference,
    childInitials: g.conference.children.map(initials),
    meetingNumber: meeting.number,
    dueSentence: dateLabel(meeting.dueOn),
    status: meeting.status,
    fixedLabel: fixed?.label ?? when(meeting.startsAt),
    slots: meeting.offeredSlots.map((s) => ({
      start: s.start,
      label: s.label,
      canCome: meeting.answers.filter((a) => a.canCome.includes(s.start)).length,
      mine: Boolean(mine?.canCome.includes(s.start)),
    })),
    answered: !mine ? 'not-yet' : mine.canCome.length ? 'some' : 'none',
    ...(choice.kind === 'waiting' ? { waitingFor: choice.asked - choice.answered } : {}),
    ...(viewer ? { viewerAadObjectId: viewer } : {}),
  });
}

export interface ProgressCardState {
  notice?: ProgressCardData['notice'];
  /** What the person chose and typed, kept when the card comes back with problems. */
  typed?: Map<string, { status: string; comment: string }>;
  problems?: Map<string, string>;
}

/** One owner's progress card for a meeting; undefined when they own no action. */
export function progressCard(
  g: CoreGroup,
  meeting: CoreGroupMeeting,
  personId: string,
  today: string,
  state: ProgressCardState = {},
): AdaptiveCard | undefined {
  const owner = actionOwners(g.conference, g.record.actions, g.record.restrictedParts).find(
    (o) => o.person.id === personId,
  );
  if (!owner) return undefined;
  const viewer = g.people.find((p) => p.id === personId)?.aadObjectId;
  return renderCoreGroupProgress({
    conferenceId: g.conference.id,
    meetingId: meeting.id,
    reference: g.conference.reference,
    childInitials: g.conference.children.map(initials),
    meetingNumber: meeting.number,
    meetingWhen: when(meeting.startsAt),
    actions: owner.actions.map((a) => {
      const last = latest(g.updates.filter((u) => u.actionId === a.id));
      const typed = state.typed?.get(a.id);
      const status = (typed?.status ?? '') as ProgressStatus | '';
      return {
        actionId: a.id,
        what: a.what,
        byWhenLabel: dateLabel(a.byWhen),
        howWeWillKnow: a.howWeWillKnow,
        overdue: isOverdue(a, last?.status, today),
        withFamily: owner.withFamily.includes(a.id),
        ...(last
          ? {
              last: `Last update: ${PROGRESS_LABELS[last.status]} (${dateLabel(londonToday(new Date(last.at)))})${last.comment ? `: ${last.comment}` : ''}`.slice(
                0,
                1200,
              ),
            }
          : {}),
        status: ['on-track', 'at-risk', 'not-done', 'done'].includes(status) ? status : '',
        comment: (typed?.comment ?? '').slice(0, 4000),
        ...(state.problems?.get(a.id) ? { problem: state.problems.get(a.id) } : {}),
      };
    }),
    ...(state.notice ? { notice: state.notice } : {}),
    ...(viewer ? { viewerAadObjectId: viewer } : {}),
  });
}

/** The escalated actions as the card and the email show them. */
export const escalationData = (
  g: CoreGroup,
  level: Escalation['level'],
  list: readonly Escalation[],
  today: string,
) => ({
  reference: g.conference.reference,
  childInitials: g.conference.children.map(initials),
  level,
  actions: list.flatMap((e) => {
    const a = g.record.actions.find((x) => x.id === e.actionId);
    if (!a) return [];
    const last = latest(g.updates.filter((u) => u.actionId === a.id));
    const state = `${last ? PROGRESS_LABELS[last.status] : 'No update yet'}; to be done by ${dateLabel(a.byWhen)}${isOverdue(a, last?.status, today) ? ', overdue' : ''}`;
    return [{ what: a.what, why: e.why, state }];
  }),
});

export function escalationCard(
  g: CoreGroup,
  level: Escalation['level'],
  list: readonly Escalation[],
  today: string,
) {
  const data = escalationData(g, level, list, today);
  return data.actions.length ? renderCoreGroupEscalation(data) : undefined;
}
