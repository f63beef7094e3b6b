/**
 * What Bot Framework JWT validation adds to each request: the same invoke (the welcome card's "Show this
 * guide again", answered in the invoke response, no connector call) against an app in local development
 * (no app id, no authentication) and one with an app id validating an RS256 token against a local
 * OpenID configuration + JWKS. Requests alternate between the two, one at a time, over loopback; the
 * token is signed once and reused, as the Bot Connector does. Prints the figures, asserts nothing.
 * Usage: npx tsx bench/bot-auth.ts [requests per mode=500]
 */
import { randomUUID } from 'node:crypto';
import { cardAction, user } from '../test/fakes/activities.js';
import { startFakeConnector } from '../test/fakes/connector.js';
import { startFakeBotFrameworkLogin } from '../test/fakes/openid.js';
import { startTestApp } from '../test/helpers/app.js';
import { quantile } from './stats.js';

const N = Number(process.argv[2] ?? 500);
const WARM_UP = 50;
const APP_ID = randomUUID();

const [connector, login] = await Promise.all([startFakeConnector(), startFakeBotFrameworkLogin()]);
const [local, authenticated] = await Promise.all([
  startTestApp({ LOG_LEVEL: 'warn' }),
  startTestApp({
    LOG_LEVEL: 'warn',
    MICROSOFT_APP_ID: APP_ID,
    MICROSOFT_APP_PASSWORD: 'fictional-secret',
    MICROSOFT_APP_TYPE: 'MultiTenant',
    REPORT_LINK_SECRET: 'a-fictional-report-link-secret-of-48-characters!',
    ...login.env,
  }),
]);
const token = await login.sign({ aud: APP_ID, serviceurl: connector.serviceUrl });

const once = async (url: string, authorization?: string): Promise<number> => {
  const body = JSON.stringify(cardAction(connector.serviceUrl, user(1), 'welcome.show', {}));
  const t0 = performance.now();
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body,
  });
  await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return ms;
};

const µs = (ms: number) => `${Math.round(ms * 1000)} µs`;

try {
  const times = { local: [] as number[], authenticated: [] as number[] };
  for (let i = 0; i < WARM_UP + N; i++) {
    // Alternating keeps drift (GC, JIT, the machine's other load) out of the difference.
    const a = await once(local.url);
    const b = await once(authenticated.url, `Bearer ${token}`);
    if (i >= WARM_UP) {
      times.local.push(a);
      times.authenticated.push(b);
    }
  }
  const diffs = times.local.map((a, i) => times.authenticated[i]! - a);
  console.log(`Bot Framework JWT validation, ${N} invokes per mode (after ${WARM_UP} warm-up), loopback`);
  for (const [mode, xs] of Object.entries(times))
    console.log(
      `  ${mode.padEnd(14)} median ${µs(quantile(xs, 0.5))}  p90 ${µs(quantile(xs, 0.9))}  p99 ${µs(quantile(xs, 0.99))}`,
    );
  console.log(
    `  extra per request: ${µs(quantile(times.authenticated, 0.5) - quantile(times.local, 0.5))} (difference of medians), ` +
      `${µs(quantile(diffs, 0.5))} (median of paired differences)`,
  );
} finally {
  await Promise.all([local.close(), authenticated.close(), connector.close(), login.close()]);
}
