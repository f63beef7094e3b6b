/** The OpenAPI description of the core group routes (bot/http/core-group-routes.ts). */
import type { z } from 'zod';
import { CancelBody, ProgressBody, ReportQuery, ScheduleBody } from './core-group-routes.js';

type Json = (schema: z.ZodType, io?: 'input' | 'output') => Record<string, unknown>;
type Err = (description: string) => Record<string, unknown>;
type Operation = { responses: Record<string | number, unknown>; [key: string]: unknown };

export function coreGroupApiPaths(json: Json, error: Err): Record<string, Record<string, Operation>> {
  const uuid = { type: 'string', format: 'uuid' };
  const id = { name: 'id', in: 'path', required: true, schema: uuid };
  const meetingId = { name: 'meetingId', in: 'path', required: true, schema: uuid };
  const object = { 'application/json': { schema: { type: 'object' } } };
  const base = '/api/conferences/{id}/core-group';
  const noGroup = error('No child protection plan, so no core group; or the meeting is not in that state');
  return {
    [base]: {
      get: {
        operationId: 'coreGroup',
        summary: 'The core group: members, meetings (answers counted) and progress on the plan’s actions',
        parameters: [id],
        responses: {
          200: { description: 'The core group', content: object },
          404: error('No such conference'),
          409: noGroup,
        },
      },
    },
    [`${base}/meetings`]: {
      post: {
        operationId: 'proposeCoreGroupMeeting',
        summary:
          'Offer times for the next core group meeting (free/busy) and send members the scheduling card',
        parameters: [id],
        responses: {
          201: { description: 'The proposed meeting', content: object },
          404: error('No such conference'),
          409: noGroup,
        },
      },
    },
    [`${base}/meetings/{meetingId}/schedule`]: {
      post: {
        operationId: 'scheduleCoreGroupMeeting',
        summary: 'Fix the time of a proposed core group meeting; the calendar invitation follows',
        parameters: [id, meetingId],
        requestBody: { required: true, content: json(ScheduleBody, 'input') },
        responses: {
          200: { description: 'The scheduled meeting', content: object },
          400: error('The body has problems; each is listed with its field'),
          404: error('No such conference or meeting'),
          409: noGroup,
        },
      },
    },
    [`${base}/meetings/{meetingId}/cancel`]: {
      post: {
        operationId: 'cancelCoreGroupMeeting',
        summary: 'Cancel a core group meeting not yet held, with the reason; its calendar event is cancelled',
        parameters: [id, meetingId],
        requestBody: { required: true, content: json(CancelBody, 'input') },
        responses: {
          200: { description: 'The cancelled meeting, with its reason', content: object },
          400: error('The body has problems; each is listed with its field'),
          404: error('No such conference or meeting'),
          409: noGroup,
        },
      },
    },
    [`${base}/meetings/{meetingId}/progress`]: {
      post: {
        operationId: 'recordCoreGroupProgress',
        summary:
          'Record how plan actions are going for a meeting: an owner their own; the chair or lead social worker any',
        parameters: [id, meetingId],
        requestBody: { required: true, content: json(ProgressBody, 'input') },
        responses: {
          200: { description: 'How many were stored, and the progress the caller may see', content: object },
          400: error('Nothing was stored; each problem is listed with its update'),
          403: error('Not an action this person may update'),
          404: error('No such conference or meeting'),
          409: noGroup,
        },
      },
    },
    [`${base}/meetings/{meetingId}/held`]: {
      post: {
        operationId: 'markCoreGroupMeetingHeld',
        summary: 'Mark a scheduled core group meeting held; times for the next one are offered',
        parameters: [id, meetingId],
        responses: {
          200: { description: 'The held meeting and the next one proposed (or why not)', content: object },
          404: error('No such conference or meeting'),
          409: noGroup,
        },
      },
    },
    [`${base}/report`]: {
      get: {
        operationId: 'coreGroupProgressReport',
        summary:
          'The core group progress report for the review conference (JSON, or plain text with ?format=text)',
        parameters: [
          id,
          {
            name: 'format',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ReportQuery.shape.format.unwrap().options },
          },
        ],
        responses: {
          200: {
            description: 'The report',
            content: { ...object, 'text/plain': { schema: { type: 'string' } } },
          },
          400: error('Bad query'),
          404: error('No such conference'),
          409: noGroup,
        },
      },
    },
  };
}
