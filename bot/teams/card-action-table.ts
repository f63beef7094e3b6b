import { ANSWER_VERBS, PAYLOADS } from '../../cards/payloads.js';
import type { AnswerVerb, DeputyPayload } from '../../cards/payloads.js';
import type { AdaptiveCard } from '../../cards/render.js';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import { assertInvitee, invitationCard, readinessCard } from '../use-cases/invitation-cards.js';
import type { InvitationDeps } from '../use-cases/invitations.js';
import { decideFromCard } from '../use-cases/report-chase.js';
import type { ReportDeps } from '../use-cases/reports.js';
import { myConferences } from '../use-cases/my-conferences.js';
import { myReports, reportStarted } from '../use-cases/my-reports.js';
import { renderMyConferences } from '../../cards/my-conferences.js';
import { renderMyReports } from '../../cards/my-reports.js';
import { isOrganiser, readiness, recordRsvp, sendInvitations } from '../use-cases/invitations.js';
import type { CardActionContext, CardActionTable } from './card-actions.js';
import { cardAction } from './card-actions.js';
import type { CoreGroupDeps } from '../use-cases/core-groups.js';
import {
  answerSlotsFromCard,
  refreshProgressFromCard,
  refreshSlotsFromCard,
  sendProgressFromCard,
} from './core-group-card-actions.js';

export interface CardActionDeps {
  welcomeCard(): AdaptiveCard;
  invitations: InvitationDeps;
  reports: ReportDeps;
  coreGroups: CoreGroupDeps;
}

/** The one table that routes every card verb to its handler (STYLE.md #1). */
export function cardActionTable(deps: CardActionDeps): CardActionTable {
  const inv = deps.invitations;

  const answer = (verb: AnswerVerb) =>
    cardAction(PAYLOADS[verb], async (data, ctx) => {
      // Only the deputy form carries these fields (DeputyPayload); the other answers have none.
      const form = data as Partial<DeputyPayload>;
      const outcome = await recordRsvp(inv, {
        invitationId: data.invitationId,
        conferenceId: data.conferenceId,
        answer: ANSWER_VERBS[verb],
        deputy:
          form.deputyName && form.deputyEmail ? { name: form.deputyName, email: form.deputyEmail } : null,
        actor: { kind: 'invitee', id: ctx.actor.aadObjectId ?? ctx.actor.id },
        via: 'card',
        idempotencyKey: `card:${ctx.activityId}`,
        answeredAt: ctx.timestamp,
      });
      const started = await reportStarted(deps.reports, outcome.conference.id, outcome.invitation.inviteeId);
      return invitationCard(inv, outcome.conference, outcome.invitation, undefined, started);
    });

  /** A card view of the invitee's own invitation, without changing it. */
  const view = (state?: 'changing') =>
    cardAction(PAYLOADS['rsvp.refresh'], async (data, ctx) => {
      const invitation = await inv.invitations.get(data.invitationId);
      const conference = invitation && (await inv.conferences.getConference(invitation.conferenceId));
      if (!invitation || !conference || invitation.conferenceId !== data.conferenceId || invitation.withdrawn)
        throw new DomainError(ErrorCodes.RSVP_NOT_INVITED, 'This invitation could not be found.');
      assertInvitee(conference, invitation, ctx.actor.aadObjectId);
      const started = await reportStarted(deps.reports, conference.id, invitation.inviteeId);
      return invitationCard(
        inv,
        conference,
        invitation,
        state && invitation.answer ? state : undefined,
        started,
      );
    });

  const organiserReadiness = async (conferenceId: string, ctx: CardActionContext) => {
    const r = await readiness(inv, conferenceId);
    if (!isOrganiser(r.conference, ctx.actor.aadObjectId))
      throw new DomainError(
        ErrorCodes.RSVP_NOT_INVITED,
        'Only the chair, the lead social worker and the minute-taker can see who is coming.',
      );
    return r;
  };

  /** The chair's go-ahead or postponement on the readiness card (seed 003 §1.6). */
  const decide = (verb: 'readiness.goAhead' | 'readiness.postpone') =>
    cardAction(PAYLOADS[verb], async (data, ctx) =>
      decideFromCard(deps.reports, {
        conferenceId: data.conferenceId,
        aadObjectId: ctx.actor.aadObjectId,
        decision: verb === 'readiness.goAhead' ? 'go-ahead' : 'postpone',
        form: data,
      }),
    );

  return {
    'welcome.show': cardAction(PAYLOADS['welcome.show'], async () => deps.welcomeCard()),
    'conferences.mine': cardAction(PAYLOADS['conferences.mine'], async (_data, ctx) =>
      renderMyConferences(await myConferences(inv, ctx.actor.aadObjectId)),
    ),
    'reports.mine': cardAction(PAYLOADS['reports.mine'], async (_data, ctx) =>
      renderMyReports(await myReports(deps.reports, ctx.actor.aadObjectId)),
    ),
    'rsvp.attendInPerson': answer('rsvp.attendInPerson'),
    'rsvp.attendVirtually': answer('rsvp.attendVirtually'),
    'rsvp.sendDeputy': answer('rsvp.sendDeputy'),
    'rsvp.reportOnly': answer('rsvp.reportOnly'),
    'rsvp.change': view('changing'),
    'rsvp.refresh': view(),
    'readiness.refresh': cardAction(PAYLOADS['readiness.refresh'], async (data, ctx) => {
      const r = await organiserReadiness(data.conferenceId, ctx);
      return readinessCard(r.conference, r.invitations, r.assessment, r.pendingDeliveries);
    }),
    'rsvp.recordFor': cardAction(PAYLOADS['rsvp.recordFor'], async (data, ctx) => {
      const r = await organiserReadiness(data.conferenceId, ctx);
      const deputy =
        data.deputyName || data.deputyEmail
          ? { name: data.deputyName ?? '', email: data.deputyEmail ?? '' }
          : null;
      await recordRsvp(inv, {
        invitationId: data.invitationId,
        conferenceId: data.conferenceId,
        answer: data.answer,
        deputy,
        actor: {
          kind: r.conference.chair?.aadObjectId === ctx.actor.aadObjectId ? 'chair' : 'business-support',
          id: ctx.actor.aadObjectId ?? ctx.actor.id,
        },
        via: 'chair',
        idempotencyKey: `card:${ctx.activityId}`,
        answeredAt: ctx.timestamp,
      });
      const after = await readiness(inv, data.conferenceId);
      return readinessCard(after.conference, after.invitations, after.assessment, after.pendingDeliveries);
    }),
    'invitations.send': cardAction(PAYLOADS['invitations.send'], async (data, ctx) => {
      await organiserReadiness(data.conferenceId, ctx);
      await sendInvitations(inv, data.conferenceId);
      const r = await readiness(inv, data.conferenceId);
      return readinessCard(r.conference, r.invitations, r.assessment, r.pendingDeliveries);
    }),
    'readiness.goAhead': decide('readiness.goAhead'),
    'readiness.postpone': decide('readiness.postpone'),
    // Core groups after the conference (bot/teams/core-group-card-actions.ts).
    'coreGroup.slots.answer': cardAction(PAYLOADS['coreGroup.slots.answer'], (data, ctx) =>
      answerSlotsFromCard(deps.coreGroups, 'coreGroup.slots.answer', data, ctx),
    ),
    'coreGroup.slots.none': cardAction(PAYLOADS['coreGroup.slots.none'], (data, ctx) =>
      answerSlotsFromCard(deps.coreGroups, 'coreGroup.slots.none', data, ctx),
    ),
    'coreGroup.slots.refresh': cardAction(PAYLOADS['coreGroup.slots.refresh'], (data, ctx) =>
      refreshSlotsFromCard(deps.coreGroups, data, ctx),
    ),
    'coreGroup.progress.send': cardAction(PAYLOADS['coreGroup.progress.send'], (data, ctx) =>
      sendProgressFromCard(deps.coreGroups, data, ctx),
    ),
    'coreGroup.progress.refresh': cardAction(PAYLOADS['coreGroup.progress.refresh'], (data, ctx) =>
      refreshProgressFromCard(deps.coreGroups, data, ctx),
    ),
  };
}
