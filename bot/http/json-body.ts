import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors.js';

/**
 * Reads a JSON request body with a size limit. Our own reader, not restify's bodyParser, so that every
 * bad body gets the same clear error shape and nothing half-parsed reaches a handler.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    throw new HttpError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the body as JSON with the header Content-Type: application/json.',
    );
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) throw new HttpError(400, 'EMPTY_BODY', 'The request body is empty; send a JSON object.');
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    throw new HttpError(400, 'MALFORMED_JSON', `The body is not valid JSON (${(e as Error).message}).`);
  }
  if (holdsUnstorableText(value))
    throw new HttpError(
      400,
      'UNSUPPORTED_CHARACTER',
      'The body contains a character that cannot be stored (\\u0000, or half of a surrogate pair); remove it.',
    );
  return value;
}

/**
 * PostgreSQL stores neither NUL nor half of a UTF-16 surrogate pair: jsonb refuses both (a 500 deep in a
 * use case), text turns the half pair into U+FFFD. Refused here, for every route, before any logic runs.
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Looks at every string and key; iterative, since a body may nest far deeper than the call stack. */
function holdsUnstorableText(value: unknown): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return true;
    } else if (v !== null && typeof v === 'object')
      for (const [key, child] of Object.entries(v)) {
        if (UNSTORABLE.test(key)) return true;
        stack.push(child);
      }
  }
  return false;
}

const tooLarge = (maxBytes: number) =>
  new HttpError(
    413,
    'BODY_TOO_LARGE',
    `The body is larger than ${Math.round(maxBytes / 1024)} KB; send less at a time.`,
  );
