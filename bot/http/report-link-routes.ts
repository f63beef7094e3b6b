import { z } from 'zod';
import {
  createReportLink,
  listReportLinks,
  revokeReportLink,
  type ReportLinkDeps,
} from '../use-cases/report-links.js';
import { conferenceIdParam, parseInput, pathId } from './route-input.js';
import type { HttpRoute } from './server.js';

const By = z.string().trim().min(1).max(200);

export const CreateReportLinkRequest = z.union([
  z
    .object({ inviteeId: z.uuid('Choose someone invited to this conference.'), createdBy: By.optional() })
    .strict(),
  z
    .object({
      familyMemberId: z.uuid('Choose a family member of this conference.'),
      createdBy: By.optional(),
    })
    .strict(),
]);
export const RevokeReportLinkRequest = z.object({ revokedBy: By }).strict();

const LinkState = z.enum(['active', 'expired', 'revoked', 'unknown', 'other-conference']);
export const ReportLinkCreated = z.object({
  id: z.uuid(),
  url: z.string(),
  expiresAt: z.string(),
  purpose: z.enum(['agency-report', 'family-views']),
});
export const ReportLinkView = z.object({
  id: z.uuid(),
  conferenceId: z.uuid(),
  purpose: z.enum(['agency-report', 'family-views']),
  inviteeId: z.string().nullable(),
  familyMemberId: z.string().nullable(),
  holder: z.string().nullable(),
  state: LinkState,
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export const ReportLinkList = z.object({ links: z.array(ReportLinkView) });

/** Until sign-in names the caller, changes are recorded under this when the body does not say. */
const SERVICE = 'conference-service';

/** Links to the report form for people without Teams: make (and email), list, revoke. */
export function reportLinkRoutes(deps: ReportLinkDeps): HttpRoute[] {
  const base = '/api/conferences/:id/report-links';
  return [
    {
      method: 'post',
      path: base,
      handler: async (req) => {
        const id = conferenceIdParam(req);
        const body = parseInput(CreateReportLinkRequest, await req.body());
        const { createdBy, ...holder } = body;
        return { status: 201, body: await createReportLink(deps, id, holder, createdBy ?? SERVICE) };
      },
    },
    {
      method: 'get',
      path: base,
      handler: async (req) => ({ status: 200, body: await listReportLinks(deps, conferenceIdParam(req)) }),
    },
    {
      method: 'post',
      path: `${base}/:linkId/revoke`,
      handler: async (req) => {
        const id = conferenceIdParam(req);
        const linkId = pathId(req, 'linkId', 'report link');
        const body = parseInput(RevokeReportLinkRequest, await req.body());
        return { status: 200, body: await revokeReportLink(deps, id, linkId, body.revokedBy) };
      },
    },
  ];
}

type Json = (schema: z.ZodType, io?: 'input' | 'output') => Record<string, unknown>;
type Err = (description: string) => Record<string, unknown>;
type Operation = { responses: Record<string | number, unknown>; [key: string]: unknown };

/**
 * The report links' OpenAPI paths. The form's pages (/r/…) are HTML for people, not part of the API, so
 * they are left out (bot/http/report-form-routes.ts describes them).
 */
export function reportLinkApiPaths(json: Json, error: Err): Record<string, Record<string, Operation>> {
  const uuid = { type: 'string', format: 'uuid' };
  const id = { name: 'id', in: 'path', required: true, schema: uuid };
  const linkId = { name: 'linkId', in: 'path', required: true, schema: uuid };
  const base = '/api/conferences/{id}/report-links';
  return {
    [base]: {
      post: {
        operationId: 'createReportLink',
        summary: 'Make a report link for an invitee without Teams or a family member, and email it to them',
        parameters: [id],
        requestBody: { required: true, content: json(CreateReportLinkRequest, 'input') },
        responses: {
          201: { description: 'The link (its address holds the token)', content: json(ReportLinkCreated) },
          400: error('The body has problems; each is listed with its field'),
          404: error('No such conference'),
        },
      },
      get: {
        operationId: 'listReportLinks',
        summary: 'Every report link of the conference, never its token',
        parameters: [id],
        responses: {
          200: { description: 'The links, newest first', content: json(ReportLinkList) },
          404: error('No such conference'),
        },
      },
    },
    [`${base}/{linkId}/revoke`]: {
      post: {
        operationId: 'revokeReportLink',
        summary: 'Stop a link working at once; revoking again changes nothing',
        parameters: [id, linkId],
        requestBody: { required: true, content: json(RevokeReportLinkRequest, 'input') },
        responses: {
          200: { description: 'The revoked link', content: json(ReportLinkView) },
          400: error('The body has problems'),
          404: error('No such conference, or no such link in it'),
        },
      },
    },
  };
}
