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
import {
  CreateReportRequest,
  DraftRequest,
  ReadRequest,
  ReadinessDecisionRequest,
  ShareRequest,
  SubmitRequest,
} from './report-views.js';
import { parseInput, pathId } from './route-input.js';
import type { HttpRoute, RouteRequest } from './server.js';

/** Agency reports: drafts, submissions and amendments, sharing, the chair's reading list and decision. */
export function reportRoutes(deps: ReportDeps): HttpRoute[] {
  const base = '/api/conferences/:id/reports';
  const ids = (req: RouteRequest) =>
    [pathId(req, 'id', 'conference'), pathId(req, 'reportId', 'report')] as const;
  return [
    {
      method: 'post',
      path: base,
      handler: async (req) => {
        const id = pathId(req, 'id', 'conference');
        return {
          status: 201,
          body: await createReport(deps, id, parseInput(CreateReportRequest, await req.body())),
        };
      },
    },
    {
      method: 'get',
      path: base,
      handler: async (req) => ({
        status: 200,
        body: await reportReadingList(deps, pathId(req, 'id', 'conference')),
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
        const body = parseInput(DraftRequest, await req.body());
        return { status: 200, body: await saveReportDraft(deps, id, reportId, body) };
      },
    },
    {
      method: 'post',
      path: `${base}/:reportId/submit`,
      handler: async (req) => {
        const [id, reportId] = ids(req);
        const body = parseInput(SubmitRequest, await req.body());
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
          body: await markReportRead(deps, id, reportId, parseInput(ReadRequest, await req.body())),
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
          body: await shareReport(deps, id, reportId, parseInput(ShareRequest, await req.body())),
        };
      },
    },
    {
      method: 'post',
      path: '/api/conferences/:id/readiness-decision',
      handler: async (req) => {
        const id = pathId(req, 'id', 'conference');
        const body = parseInput(ReadinessDecisionRequest, await req.body());
        return { status: 201, body: await recordReadinessDecision(deps, id, body) };
      },
    },
  ];
}
