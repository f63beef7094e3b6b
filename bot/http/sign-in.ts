/**
 * Who is calling the tab's API: the person of a valid Teams SSO token (Authorization: Bearer), or in
 * local development the person of the developer sign-in cookie. Resolved once per request and kept
 * beside it, so sign-in, access and the audit trail all see the same person.
 */
import type { IncomingMessage } from 'node:http';
import type { Principal } from '../domain/access.js';
import type { DevCookies } from './dev-cookie.js';
import { HttpError } from './errors.js';
import type { HttpRoute, RouteRequest } from './server.js';
import type { TokenCheck } from './sso-token.js';

export interface SignIn {
  /** Finds the caller (memoised per request); undefined when no valid sign-in came with it. */
  principalOf(req: IncomingMessage): Promise<Principal | undefined>;
  /** The principal already found for this request, if any (for the audit trail). */
  known(req: IncomingMessage): Principal | undefined;
  localDevelopment: boolean;
  /** The developer sign-in cookies: present only in local development. */
  dev?: DevCookies | undefined;
}

export function signIn(opts: {
  localDevelopment: boolean;
  tokens?: TokenCheck | undefined;
  dev?: DevCookies | undefined;
  now: () => Date;
}): SignIn {
  const found = new WeakMap<IncomingMessage, Promise<Principal | undefined>>();
  const settled = new WeakMap<IncomingMessage, Principal>();
  const resolve = async (req: IncomingMessage): Promise<Principal | undefined> => {
    const auth = req.headers.authorization;
    if (auth && /^Bearer\s+/i.test(auth)) {
      const token = auth.replace(/^Bearer\s+/i, '').trim();
      return opts.tokens && token ? opts.tokens(token) : undefined;
    }
    return opts.localDevelopment ? opts.dev?.read(req.headers.cookie, opts.now()) : undefined;
  };
  return {
    localDevelopment: opts.localDevelopment,
    dev: opts.localDevelopment ? opts.dev : undefined,
    principalOf: (req) => {
      let p = found.get(req);
      if (!p) {
        p = resolve(req).then((who) => {
          if (who) settled.set(req, who);
          return who;
        });
        found.set(req, p);
      }
      return p;
    },
    known: (req) => settled.get(req),
  };
}

export const signInRequired = () =>
  new HttpError(
    401,
    'SIGN_IN_REQUIRED',
    'Sign in to Roundtable to use this: open it in Teams, or on a developer’s machine use /dev/sign-in.',
  );

/** The caller, or 401. */
export async function requirePrincipal(
  signin: SignIn,
  req: RouteRequest | IncomingMessage,
): Promise<Principal> {
  const raw = 'raw' in req ? req.raw : req;
  const who = await signin.principalOf(raw);
  if (!who) throw signInRequired();
  return who;
}

/**
 * The older API routes (conferences, invitations, reports, audit): a signed-in person may use them;
 * in local development they also answer without one (the existing tools and tests rely on that), but
 * not with a token that fails: someone presenting a credential is judged by it.
 */
export function requireSignIn(routes: HttpRoute[], signin: SignIn): HttpRoute[] {
  return routes.map((route) => ({
    ...route,
    handler: async (req) => {
      const who = await signin.principalOf(req.raw);
      // A token that does not verify is a failed sign-in, refused even in local development.
      if (!who && (!signin.localDevelopment || req.raw.headers.authorization)) throw signInRequired();
      return route.handler(req);
    },
  }));
}
