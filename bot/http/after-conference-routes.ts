/**
 * After the conference: the overview of letters, tasks, minutes and the plan; the chair's preview and
 * approval of the decision letter and the minutes; tasks marked done; a plan ended without a review;
 * the review conference requested. Who may use each is in the role matrix (bot/domain/access.ts).
 */
import {
  LetterApprovalBody,
  MinutesApprovalBody,
  PlanEndBody,
  TaskDoneBody,
  afterConferenceOverview,
  approveLetter,
  approveMinutes,
  completeTask,
  endPlan,
  letterPreview,
  minutesPreview,
  requestReview,
  type AfterConferenceDeps,
} from '../use-cases/after-conference.js';
import type { z } from 'zod';
import { conferenceIdParam, parseInput, pathId } from './route-input.js';
import type { HttpRoute, RouteRequest } from './server.js';

/** Who is acting: an Entra object id, or in local development without a sign-in, 'local-developer'. */
export type ActorOf = (req: RouteRequest) => Promise<string>;

const json = async (req: RouteRequest) => (await req.body()) ?? {};

export function afterConferenceRoutes(deps: AfterConferenceDeps, actorOf: ActorOf): HttpRoute[] {
  return [
    {
      method: 'get',
      path: '/api/conferences/:id/after',
      handler: async (req) => ({
        status: 200,
        body: await afterConferenceOverview(deps, conferenceIdParam(req)),
      }),
    },
    {
      method: 'get',
      path: '/api/conferences/:id/letter',
      handler: async (req) => ({ status: 200, body: await letterPreview(deps, conferenceIdParam(req)) }),
    },
    {
      method: 'post',
      path: '/api/conferences/:id/letter/approve',
      handler: async (req) => {
        const id = conferenceIdParam(req);
        const body = parseInput(
          LetterApprovalBody,
          await json(req),
          'The approval has problems; nothing was sent.',
        );
        return { status: 201, body: await approveLetter(deps, id, await actorOf(req), body) };
      },
    },
    {
      method: 'get',
      path: '/api/conferences/:id/minutes',
      handler: async (req) => ({ status: 200, body: await minutesPreview(deps, conferenceIdParam(req)) }),
    },
    {
      method: 'post',
      path: '/api/conferences/:id/minutes/approve',
      handler: async (req) => {
        const id = conferenceIdParam(req);
        const body = parseInput(
          MinutesApprovalBody,
          await json(req),
          'The approval has problems; nothing was sent.',
        );
        return { status: 201, body: await approveMinutes(deps, id, await actorOf(req), body) };
      },
    },
    {
      method: 'post',
      path: '/api/conferences/:id/tasks/:taskId/done',
      handler: async (req) => {
        const id = conferenceIdParam(req);
        const taskId = pathId(req, 'taskId', 'task');
        const body = parseInput(TaskDoneBody, await json(req));
        return { status: 200, body: await completeTask(deps, id, taskId, await actorOf(req), body) };
      },
    },
    {
      method: 'post',
      path: '/api/conferences/:id/plan-end',
      handler: async (req) => {
        const id = conferenceIdParam(req);
        const body = parseInput(PlanEndBody, await json(req));
        return { status: 201, body: await endPlan(deps, id, await actorOf(req), body) };
      },
    },
    {
      method: 'post',
      path: '/api/conferences/:id/review',
      handler: async (req) => ({ status: 201, body: await requestReview(deps, conferenceIdParam(req)) }),
    },
  ];
}

type Json = (schema: z.ZodType, io?: 'input' | 'output') => Record<string, unknown>;
type Err = (description: string) => unknown;
type Operation = { responses: Record<string | number, unknown>; [key: string]: unknown };

/** The OpenAPI paths of these routes (bot/http/openapi.ts gathers them). */
export function afterConferenceApiPaths(json: Json, error: Err): Record<string, Record<string, Operation>> {
  const uuid = { type: 'string', format: 'uuid' };
  const id = { name: 'id', in: 'path', required: true, schema: uuid };
  const base = '/api/conferences/{id}';
  const object = { 'application/json': { schema: { type: 'object' } } };
  const overview = {
    description: 'The after-conference overview: deadlines, letter, tasks, minutes, plan',
    content: object,
  };
  const noDecision = error('The decision is not recorded yet, or this was already done');
  return {
    [`${base}/after`]: {
      get: {
        operationId: 'afterConference',
        summary: 'What happens after the conference and where each step stands against its deadline',
        parameters: [id],
        responses: { 200: overview, 404: error('No such conference') },
      },
    },
    [`${base}/letter`]: {
      get: {
        operationId: 'decisionLetterPreview',
        summary: 'The decision letter as drafted from the record, and who would receive it how',
        parameters: [id],
        responses: {
          200: { description: 'Subject, HTML, text, recipients, absent parents', content: object },
          404: error('No such conference'),
          409: noDecision,
        },
      },
    },
    [`${base}/letter/approve`]: {
      post: {
        operationId: 'approveDecisionLetter',
        summary: 'The chair approves the letter: it is sent to everyone invited except those withheld',
        parameters: [id],
        requestBody: { required: false, content: json(LetterApprovalBody, 'input') },
        responses: {
          201: overview,
          400: error('The body has problems'),
          404: error('No such conference'),
          409: noDecision,
        },
      },
    },
    [`${base}/minutes`]: {
      get: {
        operationId: 'minutesPreview',
        summary: 'The draft minutes (full record) and every restricted item the chair must confirm',
        parameters: [id],
        responses: {
          200: { description: 'HTML, text, due date, restricted items', content: object },
          404: error('No such conference'),
          409: noDecision,
        },
      },
    },
    [`${base}/minutes/approve`]: {
      post: {
        operationId: 'approveMinutes',
        summary:
          'The chair confirms each restricted item and approves the minutes; each person gets their copy',
        parameters: [id],
        requestBody: { required: false, content: json(MinutesApprovalBody, 'input') },
        responses: {
          201: overview,
          400: error('The body has problems'),
          404: error('No such conference'),
          409: error('The letter is not sent yet, the decision is missing, or the minutes were approved'),
          422: error('A restricted item is not confirmed'),
        },
      },
    },
    [`${base}/tasks/{taskId}/done`]: {
      post: {
        operationId: 'completeFollowUpTask',
        summary: 'Marks a follow-up task done (a parent told, a letter delivered by hand)',
        parameters: [id, { name: 'taskId', in: 'path', required: true, schema: uuid }],
        requestBody: { required: false, content: json(TaskDoneBody, 'input') },
        responses: { 200: overview, 400: error('The body has problems'), 404: error('No such task') },
      },
    },
    [`${base}/plan-end`]: {
      post: {
        operationId: 'endPlan',
        summary:
          'Ends a child protection plan without a review; everyone invited and the case system are told',
        parameters: [id],
        requestBody: { required: true, content: json(PlanEndBody, 'input') },
        responses: {
          201: overview,
          400: error('The body has problems'),
          404: error('No such conference'),
          409: error('No active plan, or it already ended'),
        },
      },
    },
    [`${base}/review`]: {
      post: {
        operationId: 'requestReview',
        summary: 'Requests the review conference of this plan, with the same children, family and agencies',
        parameters: [id],
        responses: {
          201: { description: 'The new review conference', content: object },
          404: error('No such conference'),
          409: error('No active plan to review'),
        },
      },
    },
  };
}
