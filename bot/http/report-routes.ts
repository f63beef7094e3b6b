import { z } from 'zod';
import type { ReportDeps } from '../use-cases/reports.js';
import {
  createReport,
  getReport,
  markReportRead,
  recordReadinessDecision,
  reportReadingList,
  saveReportDraft,
  shareReport,
  submitReportVersion,
} from '../use-cases/reports.js';
import { HttpError, zodDetails } from './errors.js';
import {
  CreateReportRequest,
  DraftRequest,
  ReadRequest,
  ReadinessDecisionRequest,
  ShareRequest,
  SubmitRequest,
} from './report-views.js';
import type { HttpRoute, RouteRequest } from './server.js';

const Uuid = z.uuid();
const idParam = (req: RouteRequest, name: string, what: string): string => {
  const r = Uuid.safeParse(req.params[name]);
  if (!r.success) throw new HttpError(404, 'NOT_FOUND', `There is no ${what} with that id.`);
  return r.data;
};
const parse = <T>(schema: z.ZodType<T, unknown>, value: unknown): T => {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new HttpError(
      400,
      'VALIDATION_FAILED',
      'The request has problems; nothing was saved.',
      zodDetails(r.error),
    );
  return r.data;
};

/** Agency reports: drafts, submissions and amendments, sharing, the chair's reading list and decision. */
export function reportRoutes(deps: ReportDeps): HttpRoute[] {
  const base = '/api/conferences/:id/reports';
  const ids = (req: RouteRequest) =>
    [idParam(req, 'id', 'conference'), idParam(req, 'reportId', 'report')] as const;
  return [
    {
      method: 'post',
      path: base,
      handler: async (req) => {
        const id = idParam(req, 'id', 'conference');
        return {
          status: 201,
          body: await createReport(deps, id, parse(CreateReportRequest, await req.body())),
        };
      },
    },
    {
      method: 'get',
      path: base,
      handler: async (req) => ({
        status: 200,
        body: await reportReadingList(deps, idParam(req, 'id', 'conference')),
      }),
    },
    {
      method: 'get',
      path: `${base}/:reportId`,
      handler: async (req) => ({ status: 200, body: await getReport(deps, ...ids(req)) }),
    },
    {
      method: 'put',
      path: `${base}/:reportId/draft`,
      handler: async (req) => {
        const [id, reportId] = ids(req);
        const body = parse(DraftRequest, await req.body());
        return { status: 200, body: await saveReportDraft(deps, id, reportId, body) };
      },
    },
    {
      method: 'post',
      path: `${base}/:reportId/submit`,
      handler: async (req) => {
        const [id, reportId] = ids(req);
        const body = parse(SubmitRequest, await req.body());
        return { status: 200, body: await submitReportVersion(deps, id, reportId, body) };
      },
    },
    {
      method: 'post',
      path: `${base}/:reportId/read`,
      handler: async (req) => {
        const [id, reportId] = ids(req);
        return {
          status: 200,
          body: await markReportRead(deps, id, reportId, parse(ReadRequest, await req.body())),
        };
      },
    },
    {
      method: 'post',
      path: `${base}/:reportId/shares`,
      handler: async (req) => {
        const [id, reportId] = ids(req);
        return {
          status: 201,
          body: await shareReport(deps, id, reportId, parse(ShareRequest, await req.body())),
        };
      },
    },
    {
      method: 'post',
      path: '/api/conferences/:id/readiness-decision',
      handler: async (req) => {
        const id = idParam(req, 'id', 'conference');
        const body = parse(ReadinessDecisionRequest, await req.body());
        return { status: 201, body: await recordReadinessDecision(deps, id, body) };
      },
    },
  ];
}
