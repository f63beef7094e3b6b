/**
 * Validates the Teams SSO token the tab sends (authentication.getAuthToken: an Entra ID v2 access
 * token for the app's API) with jose: signature against Entra ID's published keys, audience, issuer
 * of the token's own tenant, the tenant allow-list and expiry. Any failure is simply "not signed in".
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Principal } from '../domain/access.js';

export interface SsoSettings {
  audiences: string[];
  allowedTenantIds: string[];
  jwksUrl: string;
}

export type TokenCheck = (token: string) => Promise<Principal | undefined>;

export function ssoTokenCheck(settings: SsoSettings): TokenCheck {
  // jose caches the keys and refetches on an unknown kid (key rotation), at most every 30 s.
  const keys = createRemoteJWKSet(new URL(settings.jwksUrl));
  const tenants = new Set(settings.allowedTenantIds.map((t) => t.toLowerCase()));
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        audience: settings.audiences,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'iss', 'tid', 'oid'],
        clockTolerance: 60,
      });
      const tid = String(payload.tid).toLowerCase();
      if (!tenants.has(tid)) return undefined;
      if (payload.iss !== `https://login.microsoftonline.com/${tid}/v2.0`) return undefined;
      const oid = String(payload.oid).toLowerCase();
      const name = typeof payload.name === 'string' ? payload.name : '';
      return { aadObjectId: oid, name, tenantId: tid };
    } catch {
      return undefined;
    }
  };
}
