import { z } from 'zod';
import { rolesOf } from '../domain/access.js';
import { MEETING_STATUS_LABELS, progressReportText } from '../domain/core-group/index.js';
import type { CoreGroupMeeting } from '../domain/core-group/index.js';
import type { CoreGroupSlotDeps } from '../use-cases/core-group-slots.js';
import { proposeFirstCoreGroupSlots } from '../use-cases/core-group-slots.js';
import type { CoreGroupDeps } from '../use-cases/core-groups.js';
import {
  cancelMeeting,
  markMeetingHeld,
  proposeNextMeeting,
  scheduleMeeting,
} from '../use-cases/core-groups.js';
import { progressReport, recordProgress, reportFor } from '../use-cases/core-group-progress.js';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import { conferenceIdParam, parseInput, pathId } from './route-input.js';
import type { HttpRoute, RouteRequest } from './server.js';

const Time = z.string().regex(/^\d{2}:\d{2}$/, 'Use a time like 09:30.');
export const SlotQuery = z
  .object({
    durationMinutes: z.coerce.number().int().min(15).max(240).optional(),
    max: z.coerce.number().int().min(1).max(10).optional(),
    from: Time.optional(),
    to: Time.optional(),
  })
  .strict();

/** Proposed times for the first core group, from the members' free/busy (Graph) within the statutory window. */
export function coreGroupRoutes(deps: CoreGroupSlotDeps): HttpRoute[] {
  return [
    {
      method: 'get',
      path: '/api/conferences/:id/core-group-slots',
      handler: async (req) => {
        const id = conferenceIdParam(req);
        const query = Object.fromEntries(req.query);
        const { from, to, ...rest } = parseInput(SlotQuery, query, 'The query has problems.');
        const proposal = await proposeFirstCoreGroupSlots(deps, id, {
          ...rest,
          ...(from && to ? { workingHours: { start: from, end: to } } : {}),
        });
        return { status: 200, body: proposal };
      },
    },
  ];
}

// Core groups after the conference: meetings, progress and the report for the review conference.
export const ScheduleBody = z
  .object({
    start: z.iso.datetime({ offset: true, error: 'Use a date and time like 2026-12-08T10:00:00+00:00.' }),
  })
  .strict();
export const CancelBody = z
  .object({
    reason: z
      .string({ error: 'Say why the meeting is cancelled.' })
      .trim()
      .min(1, 'Say why the meeting is cancelled.')
      .max(500, 'Keep the reason to 500 characters.'),
  })
  .strict();
/**
 * Progress on plan actions from the tab: an owner's own, or what the lead social worker or chair records
 * for someone who replied by email or phone. Status and comment are checked by the use case, which names
 * each problem so the form can show it beside its action.
 */
export const ProgressBody = z
  .object({
    updates: z
      .array(
        z
          .object({
            actionId: z.string().min(1).max(100),
            status: z.string().max(40),
            comment: z.string().max(4000).optional(),
          })
          .strict(),
        { error: 'Send the updates as a list.' },
      )
      .min(1, 'Choose how at least one action is going.')
      .max(50),
  })
  .strict();
export const ReportQuery = z.object({ format: z.enum(['json', 'text']).default('json') }).strict();

/** A meeting as the API shows it: answers are counted, not listed by person. */
const meetingView = (m: CoreGroupMeeting) => ({
  id: m.id,
  number: m.number,
  status: m.status,
  statusLabel: MEETING_STATUS_LABELS[m.status],
  startsAt: m.startsAt ?? null,
  durationMinutes: m.durationMinutes,
  dueOn: m.dueOn,
  offeredSlots: m.offeredSlots.map((s) => ({
    ...s,
    canCome: m.answers.filter((a) => a.canCome.includes(s.start)).length,
  })),
  answered: m.answers.length,
  calendarEventId: m.calendarEventId ?? null,
  heldAt: m.heldAt ?? null,
  cancelledAt: m.cancelledAt ?? null,
  cancelledReason: m.cancelledReason ?? null,
});

/** The signed-in person's Entra object id (undefined in local development without a sign-in). */
export type WhoIs = (req: RouteRequest) => Promise<string | undefined>;

export function coreGroupMeetingRoutes(deps: CoreGroupDeps, whoIs: WhoIs): HttpRoute[] {
  const meetingId = (req: RouteRequest) => pathId(req, 'meetingId', 'core group meeting');
  return [
    {
      method: 'get',
      path: '/api/conferences/:id/core-group',
      handler: async (req) => {
        const who = await whoIs(req);
        const { group, report } = await progressReport(deps, conferenceIdParam(req), who);
        const roles = who ? rolesOf(group.conference, who, deps.managerIds) : [];
        const runs =
          !who || roles.some((r) => r === 'chair' || r === 'lead-social-worker' || r === 'manager');
        return {
          status: 200,
          body: {
            conferenceId: group.conference.id,
            // Members' names for those who run it; a professional sees their own actions and the meetings.
            members: runs
              ? group.members.map((m) => ({
                  id: m.id,
                  name: m.person.name,
                  role: m.person.role,
                  required: m.required,
                }))
              : [],
            meetings: group.meetings.map(meetingView),
            progress: report,
          },
        };
      },
    },
    {
      method: 'post',
      path: '/api/conferences/:id/core-group/meetings',
      handler: async (req) => ({
        status: 201,
        body: meetingView(await proposeNextMeeting(deps, conferenceIdParam(req))),
      }),
    },
    {
      method: 'post',
      path: '/api/conferences/:id/core-group/meetings/:meetingId/schedule',
      handler: async (req) => {
        const conferenceId = conferenceIdParam(req);
        const id = meetingId(req);
        const { start } = parseInput(ScheduleBody, await req.body());
        return {
          status: 200,
          body: meetingView(await scheduleMeeting(deps, { conferenceId, meetingId: id, start })),
        };
      },
    },
    {
      method: 'post',
      path: '/api/conferences/:id/core-group/meetings/:meetingId/held',
      handler: async (req) => {
        const result = await markMeetingHeld(deps, {
          conferenceId: conferenceIdParam(req),
          meetingId: meetingId(req),
        });
        return {
          status: 200,
          body: {
            held: meetingView(result.held),
            next: result.next ? meetingView(result.next) : null,
            ...(result.nextProblem ? { nextProblem: result.nextProblem } : {}),
          },
        };
      },
    },
    {
      method: 'post',
      path: '/api/conferences/:id/core-group/meetings/:meetingId/cancel',
      handler: async (req) => {
        const conferenceId = conferenceIdParam(req);
        const id = meetingId(req);
        const { reason } = parseInput(CancelBody, await req.body());
        return {
          status: 200,
          body: meetingView(await cancelMeeting(deps, { conferenceId, meetingId: id, reason })),
        };
      },
    },
    {
      method: 'post',
      path: '/api/conferences/:id/core-group/meetings/:meetingId/progress',
      handler: async (req) => {
        const conferenceId = conferenceIdParam(req);
        const id = meetingId(req);
        const { updates } = parseInput(ProgressBody, await req.body());
        const who = await whoIs(req);
        const result = await recordProgress(deps, {
          conferenceId,
          meetingId: id,
          aadObjectId: who,
          entries: updates.map((u) => ({ ...u, comment: u.comment ?? '' })),
        });
        if (result.problems.length) {
          const index = new Map(updates.map((u, i) => [u.actionId, i]));
          throw new DomainError(
            ErrorCodes.VALIDATION_FAILED,
            'Nothing was saved. Please fix what is shown and send again.',
            result.problems.map((p) => ({
              path: index.has(p.actionId) ? `updates.${index.get(p.actionId)}` : 'updates',
              message: p.message,
            })),
          );
        }
        // The group as recorded, with the new updates: no second load.
        const progress = reportFor(deps, result.group, who);
        return { status: 200, body: { stored: result.stored.length, progress } };
      },
    },
    {
      method: 'get',
      path: '/api/conferences/:id/core-group/report',
      handler: async (req) => {
        const { format } = parseInput(ReportQuery, Object.fromEntries(req.query), 'The query has problems.');
        const { report } = await progressReport(deps, conferenceIdParam(req), await whoIs(req));
        return format === 'text'
          ? { status: 200, body: progressReportText(report), contentType: 'text/plain; charset=utf-8' }
          : { status: 200, body: report };
      },
    },
  ];
}
