/**
 * A local stand-in for the Bot Connector service at the HTTP boundary: the bot's replies and proactive
 * messages are POSTed here (the activity's serviceUrl), captured, and answered as the real service does.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

export interface FakeConnector {
  serviceUrl: string;
  /** Requests answered with success (200, or 202/207 for meeting notifications). */
  requests: CapturedRequest[];
  /** Every request, failed ones too, with the status it was answered with. */
  received: (CapturedRequest & { status: number })[];
  /** Sets the status of the next responses (e.g. 429 with Retry-After), then back to 200. */
  failNext(times: number, status: number, headers?: Record<string, string>): void;
  /**
   * Answers for the next meeting notifications (POST /v1/meetings/{id}/notification), in order; once
   * they are used up the service's usual 202 with an empty body.
   */
  meetingAnswers: { status: 202 | 207; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const requests: CapturedRequest[] = [];
  const received: FakeConnector['received'] = [];
  let failures: { times: number; status: number; headers: Record<string, string> } = {
    times: 0,
    status: 200,
    headers: {},
  };
  let n = 0;
  const meetingAnswers: FakeConnector['meetingAnswers'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      const captured = { method: req.method ?? '', path: req.url ?? '', body };
      if (failures.times > 0) {
        failures.times -= 1;
        received.push({ ...captured, status: failures.status });
        res.writeHead(failures.status, { 'content-type': 'application/json', ...failures.headers });
        res.end(JSON.stringify({ error: { code: 'Throttled', message: 'fake failure' } }));
        return;
      }
      if (req.url?.startsWith('/v1/meetings/')) {
        const answer = meetingAnswers.shift() ?? { status: 202 as const, body: {} };
        requests.push(captured);
        received.push({ ...captured, status: answer.status });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
        return;
      }
      requests.push(captured);
      received.push({ ...captured, status: 200 });
      n += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      // Creating a conversation answers with its id; sending an activity with the activity id.
      res.end(
        JSON.stringify(
          req.url?.endsWith('/v3/conversations')
            ? { id: `a:conv-${n}`, activityId: `act-${n}` }
            : { id: `act-${n}` },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    requests,
    received,
    meetingAnswers,
    failNext: (times, status, headers = {}) => {
      failures = { times, status, headers };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
