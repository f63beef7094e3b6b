/**
 * A raw HTTP client for the fuzz suite (exact bytes, any headers, chunked bodies) and the checks every
 * answer to hostile input must pass.
 */
import { Agent, request } from 'node:http';
import { cardProblems } from '../helpers/contracts.js';

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent with a content-length, or, as an array of chunks, chunked without one. */
  body?: string | Buffer | Buffer[];
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** Sends a request; the server may answer (413) before the whole body is written, which is fine. */
export function send(base: string, req: RawRequest): Promise<Answer> {
  const url = new URL(req.path, base);
  return new Promise((resolve, reject) => {
    const chunked = Array.isArray(req.body);
    const single = req.body === undefined || chunked ? undefined : Buffer.from(req.body as string | Buffer);
    const headers: Record<string, string | number> = { ...req.headers };
    if (single) headers['content-length'] = single.length;
    let answered = false;
    const r = request(
      url,
      { method: req.method, headers, agent: chunked || (single?.length ?? 0) > 1e6 ? false : agent },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    // A write cut short by the server's early answer is not a failure; no answer at all is.
    r.on('error', (e) => {
      if (!answered) setTimeout(() => !answered && reject(e), 200);
    });
    if (chunked) {
      for (const c of req.body as Buffer[]) r.write(c);
      r.end();
    } else r.end(single);
  });
}

export const closeClient = () => agent.destroy();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Signs of a stack trace or internals in a body: frames, file paths, error class dumps. */
const LEAK_PATTERNS: [RegExp, string][] = [
  [/\bat [\w.<>$]+ \(/, 'a stack frame ("at fn (")'],
  [/^\s*at /m, 'a stack frame line'],
  [/\(?(?:file:\/\/|node:internal|\/work\/|\/home\/|\/usr\/|node_modules)/, 'a file path'],
  [/\.(?:[cm]?js|ts):\d+(?::\d+)?/, 'a source location'],
  [/\b(?:[A-Z][A-Za-z]*)?Error: /, 'an "Error:" dump'],
  [/\bSQLSTATE\b|\bsyntax error at or near\b|\bviolates\b.*\bconstraint\b/i, 'a database message'],
];

export function leakProblems(text: string): string[] {
  return LEAK_PATTERNS.filter(([re]) => re.test(text)).map(([, what]) => `the body contains ${what}`);
}

export const ERROR_CARD = /Reference for support: ([A-Z_]+) · [0-9a-f-]{36}/;

export interface Verdict {
  problems: string[];
  /** True when the answer refuses the request: an error status or an error card. */
  refused: boolean;
  /** The card of an invoke response. */
  card?: Record<string, unknown>;
}

/**
 * What every answer must be: below 500; JSON (never HTML) whenever there is a body; our error shape
 * for every error; for an invoke, an invoke response carrying a valid Adaptive Card; no internals.
 * `hostile` are strings the request carried that an error card must not show.
 */
export function judge(answer: Answer, opts: { invoke?: boolean; hostile?: string[] } = {}): Verdict {
  const problems: string[] = [];
  const { status, contentType, text } = answer;
  if (status >= 500 || status < 100) problems.push(`status ${status}`);
  problems.push(...leakProblems(text));
  let json: unknown;
  if (text.length > 0) {
    if (!/^application\/json\b/i.test(contentType))
      problems.push(`a body served as ${JSON.stringify(contentType)}, not application/json`);
    try {
      json = JSON.parse(text);
    } catch {
      problems.push('a body that is not JSON');
    }
  }
  let refused = status >= 400;
  let card: Record<string, unknown> | undefined;
  if (status >= 400) problems.push(...errorShapeProblems(json));
  else if (opts.invoke && status === 200) {
    const body = json as { statusCode?: unknown; type?: unknown; value?: unknown } | undefined;
    if (body?.statusCode !== 200 || body.type !== 'application/vnd.microsoft.card.adaptive')
      problems.push(`an invoke response that is not a card: ${text.slice(0, 200)}`);
    else {
      card = body.value as Record<string, unknown>;
      problems.push(...cardProblems(card).map((p) => `invalid card: ${p}`));
      const cardText = JSON.stringify(card);
      if (ERROR_CARD.test(cardText)) {
        refused = true;
        for (const s of opts.hostile ?? [])
          if (s.length >= 4 && cardText.includes(JSON.stringify(s).slice(1, -1)))
            problems.push(`the error card repeats the hostile text ${JSON.stringify(s.slice(0, 60))}`);
      }
    }
  }
  return { problems, refused, ...(card ? { card } : {}) };
}

function errorShapeProblems(json: unknown): string[] {
  const body = json as
    { error?: { code?: unknown; message?: unknown; details?: unknown }; correlationId?: unknown } | undefined;
  const ok =
    !!body &&
    typeof body.error?.code === 'string' &&
    /^[A-Z][A-Z0-9_]*$/.test(body.error.code) &&
    typeof body.error.message === 'string' &&
    body.error.message.length > 0 &&
    Array.isArray(body.error.details) &&
    (body.error.details as unknown[]).every(
      (d) =>
        typeof (d as { path?: unknown }).path === 'string' &&
        typeof (d as { message?: unknown }).message === 'string',
    ) &&
    typeof body.correlationId === 'string' &&
    UUID.test(body.correlationId);
  return ok ? [] : [`an error body not in our shape: ${JSON.stringify(json)?.slice(0, 200)}`];
}
