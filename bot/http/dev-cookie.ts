/**
 * The developer sign-in's cookie: who is signed in, HMAC-signed with a key made at start-up (a restart
 * signs everyone out, which is fine on a developer's machine). Exists only in local development.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../domain/access.js';

export const DEV_COOKIE = 'rt_dev';
const TWELVE_HOURS = 12 * 60 * 60 * 1000;

export interface DevCookies {
  sign(principal: Principal, now: Date): string;
  read(cookieHeader: string | undefined, now: Date): Principal | undefined;
}

export function devCookies(key: Buffer = randomBytes(32)): DevCookies {
  const mac = (body: string) => createHmac('sha256', key).update(body).digest('base64url');
  return {
    sign: (p, now) => {
      const body = Buffer.from(JSON.stringify({ ...p, exp: now.getTime() + TWELVE_HOURS })).toString(
        'base64url',
      );
      return `${body}.${mac(body)}`;
    },
    read: (header, now) => {
      const raw = cookieValue(header, DEV_COOKIE);
      if (!raw) return undefined;
      const [body, sig] = raw.split('.');
      if (!body || !sig) return undefined;
      const expected = Buffer.from(mac(body));
      const given = Buffer.from(sig);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      try {
        const v = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Principal & { exp: number };
        if (typeof v.exp !== 'number' || v.exp < now.getTime()) return undefined;
        return { aadObjectId: String(v.aadObjectId), name: String(v.name), tenantId: String(v.tenantId) };
      } catch {
        return undefined;
      }
    },
  };
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}
