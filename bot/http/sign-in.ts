import { HttpError } from './errors.js';
import type { HttpRoute } from './server.js';

/**
 * The tab's API holds case data. Until Teams sign-in (SSO token validation) is in place, it answers
 * only in local development (no bot app id, loopback address); a deployed service refuses it.
 */
export function requireSignIn(routes: HttpRoute[], localDevelopment: boolean): HttpRoute[] {
  if (localDevelopment) return routes;
  return routes.map((route) => ({
    ...route,
    handler: async () => {
      throw new HttpError(
        401,
        'SIGN_IN_REQUIRED',
        'Sign in through Roundtable in Teams to use this. This version accepts the API only in local development.',
      );
    },
  }));
}
