/**
 * The signed token in a report link: a compact HS256 JWT holding only the link's id (jti), its audience
 * and expiry. Signing is deterministic (the times come from the stored link), so the token never needs
 * storing: the email is built again from the link row, and the row decides whether the link still works.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import type { ReportLink } from '../domain/report-links.js';

export const REPORT_LINK_AUDIENCE = 'roundtable-report-link';

export type TokenCheck = { linkId: string } | 'expired' | 'invalid';

export interface ReportLinkTokens {
  sign(link: Pick<ReportLink, 'id' | 'createdAt' | 'expiresAt'>): Promise<string>;
  /** Checks the signature, audience and expiry (at `now`); the link row is checked by the caller. */
  verify(token: string, now: Date): Promise<TokenCheck>;
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
/** Far longer than any real token (about 200 characters); anything longer is not worth parsing. */
const MAX_TOKEN = 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function reportLinkTokens(secret: string): ReportLinkTokens {
  const key = new TextEncoder().encode(secret);
  return {
    sign: (link) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setJti(link.id)
        .setAudience(REPORT_LINK_AUDIENCE)
        .setIssuedAt(seconds(link.createdAt))
        .setExpirationTime(seconds(link.expiresAt))
        .sign(key),
    verify: async (token, now) => {
      if (token.length > MAX_TOKEN) return 'invalid';
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          audience: REPORT_LINK_AUDIENCE,
          currentDate: now,
          requiredClaims: ['jti', 'exp'],
        });
        return typeof payload.jti === 'string' && UUID.test(payload.jti)
          ? { linkId: payload.jti }
          : 'invalid';
      } catch (e) {
        return e instanceof errors.JWTExpired ? 'expired' : 'invalid';
      }
    },
  };
}

/** Local development without REPORT_LINK_SECRET: a secret for this process only. */
export const processSecret = (): string => randomBytes(48).toString('base64url');
