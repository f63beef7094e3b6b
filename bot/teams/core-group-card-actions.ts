/**
 * The core group's card verbs: answering the offered times, refreshing the scheduling card to its current
 * state, and sending a progress update. The verb
 * table (card-action-table.ts) maps each verb here; each checks the person's part in the conference
 * against the role matrix (VERB_ACCESS) before anything else, then the use case checks the rest (a
 * member answers for themselves; an owner updates only their own actions).
 */
import type {
  CoreGroupMeetingRef,
  CoreGroupProgressPayload,
  CoreGroupSlotsPayload,
} from '../../cards/payloads.js';
import { progressInputIds } from '../../cards/core-group-progress.js';
import { slotInputId } from '../../cards/core-group-slots.js';
import type { AdaptiveCard } from '../../cards/render.js';
import { refusalFor, rolesOf, VERB_ACCESS } from '../domain/access.js';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import { progressCard, slotsCard } from '../use-cases/core-group-cards.js';
import type { CoreGroupDeps } from '../use-cases/core-groups.js';
import { answerSlots, loadCoreGroup, londonToday, meetingOf, memberOf } from '../use-cases/core-groups.js';
import { recordProgress } from '../use-cases/core-group-progress.js';
import type { CardActionContext } from './card-actions.js';

const REFUSALS = {
  NOT_YOUR_CONFERENCE: 'You do not have a part in this conference, so this card cannot be used by you.',
  NOT_ALLOWED_FOR_ROLE: 'Your part in this conference does not include this.',
} as const;

/** The role matrix for a card verb, checked before the conference's core group is even looked at. */
async function admit(
  deps: CoreGroupDeps,
  verb: keyof typeof VERB_ACCESS,
  conferenceId: string,
  ctx: CardActionContext,
) {
  const conference = await deps.conferences.getConference(conferenceId);
  const door = VERB_ACCESS[verb];
  const roles =
    conference && ctx.actor.aadObjectId ? rolesOf(conference, ctx.actor.aadObjectId, deps.managerIds) : [];
  const refusal = door ? refusalFor(door, roles, conference) : 'NOT_ALLOWED_FOR_ROLE';
  if (refusal) throw new DomainError(ErrorCodes[refusal], REFUSALS[refusal]);
}

export async function answerSlotsFromCard(
  deps: CoreGroupDeps,
  verb: 'coreGroup.slots.answer' | 'coreGroup.slots.none',
  data: CoreGroupSlotsPayload,
  ctx: CardActionContext,
): Promise<AdaptiveCard> {
  await admit(deps, verb, data.conferenceId, ctx);
  const fields = data as Record<string, unknown>;
  // The toggles follow the offered times' order on the card.
  const offered = await deps.groups.getMeeting(data.meetingId);
  const canCome =
    verb === 'coreGroup.slots.none' || !offered
      ? []
      : offered.offeredSlots.filter((_s, i) => fields[slotInputId(i)] === 'true').map((s) => s.start);
  if (verb === 'coreGroup.slots.answer' && canCome.length === 0)
    throw new DomainError(
      ErrorCodes.VALIDATION_FAILED,
      'Tick the times you can come to, or choose “None of these”.',
      [{ path: 'slots', message: 'Tick at least one time, or choose “None of these”. Nothing was changed.' }],
    );
  const { group, meeting, personId } = await answerSlots(deps, {
    conferenceId: data.conferenceId,
    meetingId: data.meetingId,
    aadObjectId: ctx.actor.aadObjectId,
    canCome,
  });
  return slotsCard(group, meeting, personId);
}

/** A card refresh after the role check: the core group, the meeting on the card and who is looking. */
async function looking(
  deps: CoreGroupDeps,
  verb: 'coreGroup.slots.refresh' | 'coreGroup.progress.refresh',
  data: CoreGroupMeetingRef,
  ctx: CardActionContext,
) {
  await admit(deps, verb, data.conferenceId, ctx);
  const g = await loadCoreGroup(deps, data.conferenceId);
  return { g, meeting: meetingOf(g, data.meetingId), aadObjectId: ctx.actor.aadObjectId };
}

/** The scheduling card as it stands now, for the member viewing it (Teams asks when the card is seen). */
export async function refreshSlotsFromCard(
  deps: CoreGroupDeps,
  data: CoreGroupMeetingRef,
  ctx: CardActionContext,
): Promise<AdaptiveCard> {
  const { g, meeting, aadObjectId } = await looking(deps, 'coreGroup.slots.refresh', data, ctx);
  const member = memberOf(g, aadObjectId);
  if (!member)
    throw new DomainError(
      ErrorCodes.NOT_ALLOWED_FOR_ROLE,
      'Only members of this core group see its meeting times.',
    );
  return slotsCard(g, meeting, member.id);
}

/** The progress card with the latest updates, for the owner viewing it (Teams asks when it is seen). */
export async function refreshProgressFromCard(
  deps: CoreGroupDeps,
  data: CoreGroupMeetingRef,
  ctx: CardActionContext,
): Promise<AdaptiveCard> {
  const { g, meeting, aadObjectId } = await looking(deps, 'coreGroup.progress.refresh', data, ctx);
  const me = g.people.find((p) => p.aadObjectId && p.aadObjectId === aadObjectId);
  const card = me && progressCard(g, meeting, me.id, londonToday(deps.clock.now()));
  if (!card) throw new DomainError(ErrorCodes.NOT_FOUND, 'There are no actions for you to update.');
  return card;
}

export async function sendProgressFromCard(
  deps: CoreGroupDeps,
  data: CoreGroupProgressPayload,
  ctx: CardActionContext,
): Promise<AdaptiveCard> {
  await admit(deps, 'coreGroup.progress.send', data.conferenceId, ctx);
  const fields = data as Record<string, unknown>;
  const typed = new Map(
    data.actionIds.map((actionId, i) => {
      const ids = progressInputIds(i);
      return [
        actionId,
        { status: String(fields[ids.status] ?? ''), comment: String(fields[ids.comment] ?? '') },
      ];
    }),
  );
  // An action left without a status is not updated; at least one must be chosen.
  const entries = [...typed]
    .filter(([, t]) => t.status !== '' || t.comment.trim() !== '')
    .map(([actionId, t]) => ({ actionId, status: t.status || undefined, comment: t.comment }));
  const result = await recordProgress(deps, {
    conferenceId: data.conferenceId,
    meetingId: data.meetingId,
    aadObjectId: ctx.actor.aadObjectId,
    entries,
  });
  const g = result.group;
  const meeting = meetingOf(g, data.meetingId);
  const me = g.people.find((p) => p.aadObjectId === ctx.actor.aadObjectId);
  const lead = g.people.find((p) => p.role === 'lead-social-worker');
  const today = londonToday(deps.clock.now());
  const problems = new Map<string, string>();
  for (const p of result.problems) if (!problems.has(p.actionId)) problems.set(p.actionId, p.message);
  const notice = result.problems.length
    ? {
        kind: 'problem' as const,
        text: `Nothing was saved. ${problems.get('') ?? 'Please fix what is shown below and send again.'}`,
      }
    : {
        kind: 'saved' as const,
        text: `Thank you: your update on ${result.stored.length} ${result.stored.length === 1 ? 'action' : 'actions'} is saved for the core group.`,
      };
  const card =
    progressCard(g, meeting, me?.id ?? '', today, {
      notice,
      typed: result.problems.length ? typed : new Map(),
      problems,
    }) ??
    // The chair owns no actions: they see the lead social worker's card, which they may update too.
    progressCard(g, meeting, lead?.id ?? '', today, {
      notice,
      typed: result.problems.length ? typed : new Map(),
      problems,
    });
  if (!card) throw new DomainError(ErrorCodes.NOT_FOUND, 'There are no actions for you to update.');
  return card;
}
