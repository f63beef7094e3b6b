/**
 * A local stand-in for the Bot Framework's token services: the OpenID configuration and JWKS that sign
 * the Bot Connector's tokens to the bot, a login endpoint that hands the bot its own outgoing token,
 * and a minter for tokens as the Bot Connector would send them (or spoiled in one chosen way).
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWTPayload } from 'jose';

export const ISSUER = 'https://api.botframework.test';
export const OAUTH_SCOPE = 'https://api.botframework.test';
export const OUTGOING_TOKEN = 'fake-outgoing-token';
const KID = 'roundtable-test-key';

export interface TokenRequest {
  path: string;
  form: Record<string, string>;
}

export interface FakeBotFrameworkLogin {
  /** The four BOT_* settings that point the bot at this fake. */
  env: Record<string, string>;
  /** Requests to the login endpoint for the bot's outgoing token. */
  tokenRequests: TokenRequest[];
  /** The next `times` token requests fail with `status`. */
  failNextToken(times: number, status: number): void;
  /** A token as the Bot Connector sends it: RS256 with the served key, unexpired, for this app and serviceUrl. */
  sign(
    claims: JWTPayload,
    opts?: { key?: 'served' | 'other'; header?: Record<string, unknown> },
  ): Promise<string>;
  close(): Promise<void>;
}

export async function startFakeBotFrameworkLogin(): Promise<FakeBotFrameworkLogin> {
  const served = await generateKeyPair('RS256', { extractable: true });
  // A key nobody published, under the same kid, so the check that fails is the signature itself.
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(served.publicKey)), kid: KID, use: 'sig', alg: 'RS256' };
  const tokenRequests: TokenRequest[] = [];
  let failures = { times: 0, status: 200 };
  let base = '';

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const path = req.url ?? '/';
      if (req.method === 'GET' && path === '/.well-known/openidconfiguration')
        return json(200, {
          issuer: ISSUER,
          jwks_uri: `${base}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        });
      if (req.method === 'GET' && path === '/keys') return json(200, { keys: [jwk] });
      if (req.method === 'POST' && path.endsWith('/oauth2/v2.0/token')) {
        tokenRequests.push({
          path,
          form: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
        });
        if (failures.times > 0) {
          failures.times -= 1;
          return json(failures.status, { error: 'temporarily_unavailable' });
        }
        return json(200, { token_type: 'Bearer', expires_in: 3600, access_token: OUTGOING_TOKEN });
      }
      return json(404, { error: 'not_found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    env: {
      BOT_OPENID_METADATA_URL: `${base}/.well-known/openidconfiguration`,
      BOT_TOKEN_ISSUER: ISSUER,
      BOT_LOGIN_URL: `${base}/botframework.com`,
      BOT_OAUTH_SCOPE: OAUTH_SCOPE,
    },
    tokenRequests,
    failNextToken: (times, status) => {
      failures = { times, status };
    },
    sign: (claims, opts = {}) => {
      const key: CryptoKey = opts.key === 'other' ? other.privateKey : served.privateKey;
      return new SignJWT({ iss: ISSUER, ...claims })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: KID, ...opts.header })
        .setIssuedAt()
        .setNotBefore(claims.nbf ?? '0s')
        .setExpirationTime(claims.exp ?? '1h')
        .sign(key);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
