/**
 * Serves the built conference tab (tabs/dist, written by Vite) at /tab/: one HTML page per Teams
 * surface, and its hashed assets. Every answer carries the tab's security headers: the page may be
 * framed only by Teams and Microsoft 365, and runs only scripts from this service (no inline script).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { HttpError, sendError } from './errors.js';
import type { RawRoute } from './server.js';

/** The hosts Teams and Microsoft 365 show tabs in (Teams web and desktop, Outlook, microsoft365.com). */
export const FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://*.microsoft365.com',
  'https://outlook.office.com',
];

/** Fluent UI writes its styles into style elements at run time, hence 'unsafe-inline' for styles only. */
export const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

export function tabSecurityHeaders(publicUrl: string): Record<string, string> {
  return {
    'content-security-policy': TAB_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    ...(publicUrl.startsWith('https:')
      ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' }
      : {}),
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export const TAB_PAGES = ['side-panel', 'stage', 'personal', 'config', 'prompt', 'after'] as const;

/** Vite names built assets name-<hash>.ext: their content never changes under that name. */
const HASHED = /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export function tabStaticRoutes(opts: { distDir: string; publicUrl: string }): RawRoute[] {
  const root = path.resolve(opts.distDir);
  const security = tabSecurityHeaders(opts.publicUrl);

  const serve = async (res: ServerResponse, relative: string, correlationId: string) => {
    const file = path.resolve(root, relative);
    // Nothing outside the build folder, whatever the URL says.
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(res, correlationId, security);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      const built = await stat(root).catch(() => undefined);
      if (!built?.isDirectory())
        return sendError(
          withHeaders(res, security),
          new HttpError(
            503,
            'TAB_NOT_BUILT',
            'The conference tab has not been built yet. Run “npm run build:tab” and reload.',
          ),
          correlationId,
        );
      return notFound(res, correlationId, security);
    }
    const ext = path.extname(file).toLowerCase();
    res.writeHead(200, {
      ...security,
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control':
        HASHED.test(file) && ext !== '.html' ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(file).pipe(res);
  };

  return [
    ...TAB_PAGES.map((page): RawRoute => ({
      method: 'get',
      path: `/tab/${page}`,
      handler: (_req, res, correlationId) => serve(res, `${page}.html`, correlationId),
    })),
    {
      method: 'get',
      path: '/tab/*',
      handler: async (req, res, correlationId) => {
        const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
        let relative: string;
        try {
          relative = decodeURIComponent(pathname.slice('/tab/'.length));
        } catch {
          return notFound(res, correlationId, security);
        }
        if (!relative || relative.includes('\0') || relative.endsWith('.html'))
          return notFound(res, correlationId, security);
        return serve(res, relative, correlationId);
      },
    },
  ];
}

function withHeaders(res: ServerResponse, headers: Record<string, string>): ServerResponse {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  return res;
}

function notFound(res: ServerResponse, correlationId: string, security: Record<string, string>): void {
  sendError(
    withHeaders(res, security),
    new HttpError(404, 'NOT_FOUND', 'There is no such page of the conference tab.'),
    correlationId,
  );
}
