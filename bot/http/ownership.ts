/**
 * A professional's own things: the role matrix lets professionals write reports and answer invitations,
 * and this narrows it to their own report and their own invitation, so nobody in one agency can write or
 * read another agency's report by changing an id. Those who run the conference (chair, lead social worker,
 * minute-taker) enter reports and answers that came by other means; managers read. Applies when a person
 * is signed in, like the role matrix (bot/http/role-access.ts), which runs first.
 */
import type { Conference } from '../domain/conference.js';
import { rolesOf, type ConferenceRole } from '../domain/access.js';
import { HttpError } from './errors.js';
import { Uuid } from './route-input.js';
import type { HttpRoute, RouteRequest } from './server.js';
import type { SignIn } from './sign-in.js';

export interface OwnershipDeps {
  conferences: { getConference(id: string): Promise<Conference | undefined> };
  reports: { get(reportId: string): Promise<{ conferenceId: string; inviteeId: string | null } | undefined> };
  invitations: {
    get(invitationId: string): Promise<{ conferenceId: string; inviteeId: string } | undefined>;
  };
  managerIds: readonly string[];
}

const RUNS: readonly ConferenceRole[] = ['chair', 'lead-social-worker', 'minute-taker'];

const notYours = (what: string) =>
  new HttpError(
    403,
    'NOT_ALLOWED_FOR_ROLE',
    `You can only use your own ${what}. If you are writing for a colleague, ask the conference’s organiser to add you.`,
  );

/** Reads the body once and hands the same value to the route after the check. */
function withBodyOnce(req: RouteRequest): RouteRequest {
  let body: Promise<unknown> | undefined;
  return { ...req, body: () => (body ??= req.body()) };
}

export function requireOwnership(routes: HttpRoute[], signin: SignIn, deps: OwnershipDeps): HttpRoute[] {
  return routes.map((route) => {
    const target = ownedBy(route);
    if (!target) return route;
    return {
      ...route,
      handler: async (original) => {
        const req = withBodyOnce(original);
        const who = await signin.principalOf(req.raw);
        const id = Uuid.safeParse(req.params.id);
        const conference = who && id.success ? await deps.conferences.getConference(id.data) : undefined;
        if (who && conference) {
          const roles = rolesOf(conference, who.aadObjectId, deps.managerIds);
          const reads = route.method === 'get' && roles.includes('manager');
          if (!roles.some((r) => RUNS.includes(r)) && !reads) {
            const mine = new Set(
              conference.invitees.filter((i) => i.aadObjectId === who.aadObjectId).map((i) => i.id),
            );
            const owner = await target(req, deps);
            // Unknown ids fall through to the route's own 404; a known one must be the person's.
            if (owner !== undefined && (owner === null || !mine.has(owner)))
              throw notYours(target === reportOwner || target === newReportOwner ? 'report' : 'invitation');
          }
        }
        return route.handler(req);
      },
    };
  });
}

/** The invitee a request is about, null for a report that is no invitee's, undefined when unknown. */
type Owner = (req: RouteRequest, deps: OwnershipDeps) => Promise<string | null | undefined>;

const reportOwner: Owner = async (req, deps) => {
  const id = Uuid.safeParse(req.params.reportId);
  const report = id.success ? await deps.reports.get(id.data) : undefined;
  return report && report.conferenceId === req.params.id ? report.inviteeId : undefined;
};

const newReportOwner: Owner = async (req) => {
  const body = (await req.body()) as { inviteeId?: unknown } | null;
  const inviteeId = body && typeof body === 'object' ? body.inviteeId : undefined;
  // No inviteeId: the social work, core group or family report, none of which a professional writes.
  return typeof inviteeId === 'string' ? inviteeId : inviteeId === undefined ? null : undefined;
};

const invitationOwner: Owner = async (req, deps) => {
  const id = Uuid.safeParse(req.params.invitationId);
  const invitation = id.success ? await deps.invitations.get(id.data) : undefined;
  return invitation && invitation.conferenceId === req.params.id ? invitation.inviteeId : undefined;
};

function ownedBy(route: HttpRoute): Owner | undefined {
  if (route.path === '/api/conferences/:id/reports' && route.method === 'post') return newReportOwner;
  if (route.path.startsWith('/api/conferences/:id/reports/:reportId') && !route.path.endsWith('/read'))
    return reportOwner;
  if (route.path === '/api/conferences/:id/invitations/:invitationId/answers') return invitationOwner;
  return undefined;
}
