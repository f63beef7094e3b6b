/**
 * A local stand-in for Entra ID's signing keys (the JWKS the tab's SSO tokens are checked against),
 * and a minter of Teams SSO tokens: valid by default, or spoiled in one chosen way.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { JWTPayload } from 'jose';

export const TENANT = '11111111-1111-4111-8111-111111111111';
export const OTHER_TENANT = '22222222-2222-4222-8222-222222222222';
export const APP_ID = '00000000-0000-4000-8000-0000000000a1';
const KID = 'entra-test-key';

export interface FakeEntra {
  jwksUrl: string;
  /** An SSO token for the person, signed with the served key unless `key: 'other'`. */
  token(
    claims: JWTPayload & { oid: string },
    opts?: { key?: 'served' | 'other'; expiresIn?: number },
  ): Promise<string>;
  close(): Promise<void>;
}

export async function startFakeEntra(audience: string): Promise<FakeEntra> {
  const served = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(served.publicKey)), kid: KID, use: 'sig', alg: 'RS256' };
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/keys' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url === '/keys' ? { keys: [jwk] } : { error: 'not_found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    jwksUrl: `http://127.0.0.1:${port}/keys`,
    token: async (claims, opts = {}) => {
      const now = Math.floor(Date.now() / 1000);
      const tid = (claims.tid as string | undefined) ?? TENANT;
      return new SignJWT({
        aud: audience,
        iss: `https://login.microsoftonline.com/${tid}/v2.0`,
        tid,
        name: 'Casey Chair (fictional)',
        ver: '2.0',
        ...claims,
      })
        .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
        .setIssuedAt(now - 60)
        .setExpirationTime(now + (opts.expiresIn ?? 3600))
        .sign(opts.key === 'other' ? other.privateKey : served.privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
