/**
 * The developer sign-in (local development only: loopback and no app id; never mounted otherwise, so
 * those paths are 404 on a deployed service). A page lists the fictional people of the stored
 * conferences; choosing one sets the signed `rt_dev` cookie the tab then uses instead of Teams SSO.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../domain/access.js';
import type { StoredConference } from '../domain/ports.js';
import { DEV_COOKIE } from './dev-cookie.js';
import type { DevCookies } from './dev-cookie.js';
import { HttpError, sendError } from './errors.js';
import type { RawRoute } from './server.js';
import { TAB_CSP } from './tab-static.js';
import { escapeHtml } from './html.js';

export interface DevPerson {
  aadObjectId: string;
  name: string;
  /** e.g. "Chair", "Health visitor, Example Community Health". */
  part: string;
}

export const DEV_TENANT = 'local-development';

/** Everyone with an Entra object id in these conferences, once each. */
export function devPeople(
  conferences: readonly StoredConference[],
  managerIds: readonly string[],
): DevPerson[] {
  const people = new Map<string, DevPerson>();
  const add = (aadObjectId: string | undefined, name: string, part: string) => {
    if (aadObjectId && !people.has(aadObjectId)) people.set(aadObjectId, { aadObjectId, name, part });
  };
  for (const c of conferences) {
    if (c.chair) add(c.chair.aadObjectId, c.chair.name, 'Chair');
    add(c.leadSocialWorker.aadObjectId, c.leadSocialWorker.name, 'Lead social worker');
    if (c.minuteTaker) add(c.minuteTaker.aadObjectId, c.minuteTaker.name, 'Minute-taker');
    for (const i of c.invitees) add(i.aadObjectId, i.name, `${i.role}, ${i.agency}`);
  }
  for (const id of managerIds) add(id, 'Manager', 'Manager (read-only)');
  return [...people.values()];
}

/** Only a path on this service: "/tab/stage?x=1", never "//evil.example" or "https://…". */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || /[\\\r\n\t]/.test(next))
    return '/tab/personal';
  return next.length > 2000 ? '/tab/personal' : next;
}

async function readForm(req: IncomingMessage, maxBytes: number): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded')
    throw new HttpError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the sign-in form as application/x-www-form-urlencoded.',
    );
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, 'BODY_TOO_LARGE', 'The form is too large.');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export function devSignInRoutes(opts: {
  cookies: DevCookies;
  people: () => Promise<DevPerson[]>;
  now: () => Date;
}): RawRoute[] {
  const cookie = (value: string, maxAge: number) =>
    `${DEV_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}`;

  const signInAs = async (
    res: ServerResponse,
    aadObjectId: string | null,
    next: string,
    correlationId: string,
  ) => {
    const person = (await opts.people()).find((p) => p.aadObjectId === aadObjectId);
    if (!person)
      return sendError(
        res,
        new HttpError(400, 'UNKNOWN_PERSON', 'Choose one of the people listed on /dev/sign-in.'),
        correlationId,
      );
    const principal: Principal = { aadObjectId: person.aadObjectId, name: person.name, tenantId: DEV_TENANT };
    res.writeHead(303, {
      location: next,
      'set-cookie': cookie(opts.cookies.sign(principal, opts.now()), 12 * 60 * 60),
      'cache-control': 'no-store',
      'content-length': 0,
    });
    res.end();
  };

  return [
    {
      method: 'get',
      path: '/dev/sign-in',
      handler: async (req, res, correlationId) => {
        const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
        const next = safeNext(query.get('next') ?? undefined);
        if (query.has('as')) return signInAs(res, query.get('as'), next, correlationId);
        const people = await opts.people();
        const items = people
          .map(
            (p) =>
              `<li><form method="post" action="/dev/sign-in"><input type="hidden" name="aadObjectId" value="${escapeHtml(p.aadObjectId)}">` +
              `<input type="hidden" name="next" value="${escapeHtml(next)}">` +
              `<button type="submit">${escapeHtml(p.name)}</button> <span>${escapeHtml(p.part)}</span></form></li>`,
          )
          .join('\n');
        const html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Developer sign-in · Roundtable</title></head>
<body><main><h1>Developer sign-in</h1>
<p>Local development only. Choose a fictional person to use the conference tab as them.</p>
${people.length ? `<ul>${items}</ul>` : '<p>No conferences yet: start with <code>npm run demo</code> to add the demo conference.</p>'}
<form method="post" action="/dev/sign-out"><button type="submit">Sign out</button></form>
</main></body></html>`;
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-length': Buffer.byteLength(html),
          'cache-control': 'no-store',
          'content-security-policy': TAB_CSP,
          'x-content-type-options': 'nosniff',
        });
        res.end(html);
      },
    },
    {
      method: 'post',
      path: '/dev/sign-in',
      handler: async (req, res, correlationId) => {
        const form = await readForm(req, 8192);
        return signInAs(res, form.get('aadObjectId'), safeNext(form.get('next') ?? undefined), correlationId);
      },
    },
    {
      method: 'post',
      path: '/dev/sign-out',
      handler: async (_req, res) => {
        res.writeHead(303, {
          location: '/dev/sign-in',
          'set-cookie': cookie('', 0),
          'cache-control': 'no-store',
          'content-length': 0,
        });
        res.end();
      },
    },
  ];
}
