import { randomUUID } from 'node:crypto';
import { ANSWER_LABELS } from '../domain/rsvp.js';
import type { InvitationRecord, PendingDelivery, StoredConference } from '../domain/ports.js';
import type { QuorumAssessment } from '../domain/quorum.js';
import { toConferenceView } from '../use-cases/conference-view.js';
import type { InvitationDeps } from '../use-cases/invitations.js';
import { readiness, recordRsvp, scheduleConference, sendInvitations } from '../use-cases/invitations.js';
import { AnswerRequest, ScheduleRequest } from './invitation-views.js';
import { parseInput, pathId } from './route-input.js';
import type { HttpRoute } from './server.js';

function readinessView(
  conference: StoredConference,
  invitations: InvitationRecord[],
  assessment: QuorumAssessment,
  pendingDeliveries: PendingDelivery[],
) {
  return {
    conferenceId: conference.id,
    reference: conference.reference,
    invitationsSent: invitations.length > 0,
    quorum: {
      state: assessment.state,
      summary: assessment.summary,
      suggestedAction: assessment.suggestedAction,
      policeInvited: assessment.policeInvited,
      missing: assessment.missing,
    },
    invitations: invitations.map((i) => {
      const invitee = conference.invitees.find((p) => p.id === i.inviteeId);
      return {
        id: i.id,
        inviteeId: i.inviteeId,
        name: invitee?.name ?? '',
        role: invitee?.role ?? '',
        agency: invitee?.agency ?? '',
        channel: i.channel,
        answer: i.answer,
        answerLabel: ANSWER_LABELS[i.answer ?? 'unanswered'],
        deputy: i.deputy,
        answeredAt: i.answeredAt,
        withdrawn: i.withdrawn,
        history: i.history.map(({ idempotencyKey: _k, ...h }) => h),
      };
    }),
    pendingDeliveries,
  };
}

/** Scheduling, invitations, readiness and answers recorded by the chair or business support. */
export function invitationRoutes(deps: InvitationDeps): HttpRoute[] {
  const base = '/api/conferences/:id';
  return [
    {
      method: 'post',
      path: `${base}/schedule`,
      handler: async (req) => {
        const id = pathId(req, 'id', 'conference');
        const body = parseInput(ScheduleRequest, await req.body());
        const conference = await scheduleConference(deps, id, body.scheduledStart, body.joinUrl);
        return { status: 200, body: toConferenceView(conference, deps.timescales, deps.clock.now()) };
      },
    },
    {
      method: 'post',
      path: `${base}/invitations`,
      handler: async (req) => ({
        status: 202,
        body: await sendInvitations(deps, pathId(req, 'id', 'conference')),
      }),
    },
    {
      method: 'get',
      path: `${base}/readiness`,
      handler: async (req) => {
        const r = await readiness(deps, pathId(req, 'id', 'conference'));
        return {
          status: 200,
          body: readinessView(r.conference, r.invitations, r.assessment, r.pendingDeliveries),
        };
      },
    },
    {
      method: 'post',
      path: `${base}/invitations/:invitationId/answers`,
      handler: async (req) => {
        const conferenceId = pathId(req, 'id', 'conference');
        const invitationId = pathId(req, 'invitationId', 'invitation');
        const body = parseInput(AnswerRequest, await req.body());
        await recordRsvp(deps, {
          invitationId,
          conferenceId,
          answer: body.answer,
          deputy: body.deputy ?? null,
          actor: { kind: body.recordedBy.kind, id: body.recordedBy.name },
          via: body.recordedBy.kind === 'chair' ? 'chair' : 'api',
          idempotencyKey: `api:${body.idempotencyKey ?? randomUUID()}`,
          answeredAt: body.answeredAt ?? deps.clock.now().toISOString(),
        });
        const r = await readiness(deps, conferenceId);
        return {
          status: 200,
          body: readinessView(r.conference, r.invitations, r.assessment, r.pendingDeliveries),
        };
      },
    },
  ];
}
