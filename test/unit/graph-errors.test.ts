/** Which Graph failures may be repeated: the table behind the retry middleware and the mail adapter. */
import { Client, GraphClientError } from '@microsoft/microsoft-graph-client';
import {
  backoffMs,
  errorForNetworkFailure,
  errorForStatus,
  GraphError,
  parseRetryAfter,
} from '../../bot/graph/graph-errors.js';

test.each([
  [200, false, undefined, undefined],
  [202, false, undefined, undefined],
  [429, false, 'THROTTLED', true],
  [429, true, 'THROTTLED', true],
  [401, false, 'UNAUTHORIZED', false],
  [403, true, 'UNAUTHORIZED', false],
  [404, true, 'NOT_FOUND', false],
  [400, false, 'BAD_REQUEST', false],
  [413, false, 'BAD_REQUEST', false],
  [409, false, 'FAILED', false],
  [500, false, 'UNKNOWN_OUTCOME', false],
  [502, false, 'UNKNOWN_OUTCOME', false],
  [503, false, 'UNKNOWN_OUTCOME', false],
  [504, false, 'UNKNOWN_OUTCOME', false],
  [500, true, 'FAILED', false],
  [502, true, 'UNAVAILABLE', true],
  [503, true, 'UNAVAILABLE', true],
  [504, true, 'UNAVAILABLE', true],
])('status %i, idempotent %s → %s (retryable %s)', (status, idempotent, code, retryable) => {
  const err = errorForStatus(status, { idempotent, requestId: 'r-1', retryAfterMs: 1000 });
  expect(err?.code).toBe(code);
  expect(err?.retryable).toBe(retryable);
  if (err) expect(err).toMatchObject({ status, requestId: 'r-1' });
});

const withCause = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });

test.each([
  ['refused, POST', withCause('ECONNREFUSED'), false, false, 'UNAVAILABLE', true],
  ['DNS failure, POST', withCause('ENOTFOUND'), false, false, 'UNAVAILABLE', true],
  ['reset, POST', withCause('ECONNRESET'), false, false, 'UNKNOWN_OUTCOME', false],
  ['socket closed, POST', withCause('UND_ERR_SOCKET'), false, false, 'UNKNOWN_OUTCOME', false],
  ['reset, GET', withCause('ECONNRESET'), true, false, 'UNAVAILABLE', true],
  ['timeout, POST', new Error('aborted'), false, true, 'UNKNOWN_OUTCOME', false],
  ['timeout, GET', new Error('aborted'), true, true, 'UNAVAILABLE', true],
])('no response (%s)', (_case, err, idempotent, timedOut, code, retryable) => {
  expect(errorForNetworkFailure(err, { idempotent, timedOut })).toMatchObject({ code, retryable });
});

test('Retry-After in seconds or as a date; anything else is ignored', () => {
  const now = Date.parse('2026-03-03T10:00:00Z');
  expect(parseRetryAfter('1', now)).toBe(1000);
  expect(parseRetryAfter(' 30 ', now)).toBe(30_000);
  expect(parseRetryAfter('Tue, 03 Mar 2026 10:00:05 GMT', now)).toBe(5000);
  expect(parseRetryAfter('Tue, 03 Mar 2026 09:00:00 GMT', now)).toBe(0);
  expect(parseRetryAfter('soon', now)).toBeUndefined();
  expect(parseRetryAfter(null, now)).toBeUndefined();
});

test('back-off doubles up to a cap, with half of each wait random', () => {
  expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, () => 0))).toEqual([250, 500, 1000, 2000, 4000, 4000]);
  expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
});

test('a GraphError thrown inside the middleware chain reaches the caller unchanged', async () => {
  const thrown = new GraphError('THROTTLED', 'throttled', { status: 429, retryable: true, retryAfterMs: 5 });
  expect(thrown).toBeInstanceOf(GraphClientError);
  const client = Client.initWithMiddleware({ middleware: { execute: () => Promise.reject(thrown) } });
  await expect(client.api('/users/x').get()).rejects.toBe(thrown);
});
