/**
 * The role matrix at the HTTP edge: each API route is used only by the parts bot/domain/access.ts
 * allows, in the conference of its `:id` path parameter (loaded once here). Applies when a person is
 * signed in; in local development without a sign-in the routes answer as before.
 */
import type { Conference } from '../domain/conference.js';
import { API_ACCESS, refusalFor, rolesOf } from '../domain/access.js';
import type { ConferenceRole, Refusal } from '../domain/access.js';
import { HttpError } from './errors.js';
import type { HttpRoute, RouteRequest } from './server.js';
import type { SignIn } from './sign-in.js';
import { Uuid } from './route-input.js';

export interface RoleAccessDeps {
  conferences: { getConference(id: string): Promise<Conference | undefined> };
  managerIds: readonly string[];
}

// Kind and naming no one: the person is told what they cannot do, not who can.
const MESSAGES: Record<Refusal, string> = {
  NOT_YOUR_CONFERENCE:
    'You do not have a part in this conference, so Roundtable cannot show or change it for you. If you should, ask the conference’s organiser to add you.',
  NOT_ALLOWED_FOR_ROLE:
    'Your part in this conference does not include this. If you need it, ask the conference’s organiser.',
};

export const refused = (code: Refusal) => new HttpError(403, code, MESSAGES[code]);

/** Wraps routes so that a signed-in person reaches each only with a part the role matrix allows. */
export function requireRole(routes: HttpRoute[], signin: SignIn, deps: RoleAccessDeps): HttpRoute[] {
  return routes.map((route) => {
    const door = API_ACCESS[`${route.method} ${route.path}`];
    // A route missing from the matrix stops the service at start-up, so none is ever open by accident.
    if (!door) throw new Error(`No entry in the role matrix for ${route.method} ${route.path}`);
    return {
      ...route,
      handler: async (req) => {
        const who = await signin.principalOf(req.raw);
        if (who) {
          const found = await rolesFor(req, who.aadObjectId, door.kind === 'conference', deps);
          const refusal =
            found === 'unknown-conference'
              ? 'NOT_YOUR_CONFERENCE'
              : refusalFor(door, found.roles, found.conference);
          if (refusal) throw refused(refusal);
        }
        return route.handler(req);
      },
    };
  });
}

/**
 * The person's roles for this request: in the `:id` conference for a conference route, else only
 * whether they are a manager. An id that names no conference gets the same 403 as someone else's
 * conference, so guessing ids tells nothing; a manager (who may read every conference) gets the route's 404.
 */
async function rolesFor(
  req: RouteRequest,
  aadObjectId: string,
  onConference: boolean,
  deps: RoleAccessDeps,
): Promise<{ roles: ConferenceRole[]; conference?: Conference } | 'unknown-conference'> {
  const manager: ConferenceRole[] = deps.managerIds.includes(aadObjectId) ? ['manager'] : [];
  if (!onConference) return { roles: manager };
  const id = Uuid.safeParse(req.params.id);
  const conference = id.success ? await deps.conferences.getConference(id.data) : undefined;
  if (!conference) return manager.length ? { roles: manager } : 'unknown-conference';
  return { roles: rolesOf(conference, aadObjectId, deps.managerIds), conference };
}

/**
 * Whose conferences a list shows: the signed-in person's own (those where they have a part), or all
 * for a manager and, in local development, for a caller without a sign-in.
 */
export const listParticipant =
  (signin: SignIn, managerIds: readonly string[]) =>
  async (req: RouteRequest): Promise<string | undefined> => {
    const who = await signin.principalOf(req.raw);
    return who && !managerIds.includes(who.aadObjectId) ? who.aadObjectId : undefined;
  };
