import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { z } from 'zod';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import type { ErrorCode } from '../domain/errors.js';

export interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
  correlationId: string;
}

/** An error answered at the HTTP edge with a status and a reason a person can act on. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  [ErrorCodes.VALIDATION_FAILED]: 400,
  [ErrorCodes.MALFORMED_PAYLOAD]: 400,
  [ErrorCodes.NOT_FOUND]: 404,
  [ErrorCodes.CONFERENCE_NOT_FOUND]: 404,
  [ErrorCodes.ILLEGAL_TRANSITION]: 409,
  [ErrorCodes.RSVP_NOT_INVITED]: 403,
  [ErrorCodes.RSVP_STALE_CARD]: 409,
  [ErrorCodes.RSVP_CONFERENCE_CLOSED]: 409,
  [ErrorCodes.RSVP_DEPUTY_INVALID]: 400,
  [ErrorCodes.RSVP_IDEMPOTENCY_CONFLICT]: 409,
  [ErrorCodes.DEADLINE_OUT_OF_RANGE]: 422,
  [ErrorCodes.REPORT_NOT_FOUND]: 404,
  [ErrorCodes.REPORT_EXISTS]: 409,
  [ErrorCodes.REPORT_INCOMPLETE]: 422,
  [ErrorCodes.REPORT_ALREADY_SUBMITTED]: 409,
  [ErrorCodes.REPORT_CONFERENCE_STARTED]: 409,
  [ErrorCodes.REPORT_VERSION_UNKNOWN]: 409,
  [ErrorCodes.REPORT_NOT_WRITTEN]: 409,
  [ErrorCodes.DECISION_BEFORE_PLAN]: 409,
  [ErrorCodes.NO_DECISION_YET]: 409,
  [ErrorCodes.ALREADY_APPROVED]: 409,
  [ErrorCodes.NOT_YET_APPROVED]: 409,
  [ErrorCodes.RESTRICTED_NOT_CONFIRMED]: 422,
  [ErrorCodes.PLAN_NOT_ACTIVE]: 409,
  [ErrorCodes.NOT_YOUR_CONFERENCE]: 403,
  [ErrorCodes.NOT_ALLOWED_FOR_ROLE]: 403,
};

/** zod issues as field paths and messages, e.g. children.0.dateOfBirth: "That date does not exist". */
export function zodDetails(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(body)',
    message:
      i.code === 'unrecognized_keys' ? `Remove the unexpected field(s): ${i.keys.join(', ')}.` : i.message,
  }));
}

export function toHttpError(e: unknown): HttpError | undefined {
  if (e instanceof HttpError) return e;
  if ((e as { code?: string })?.code === 'VERSION_CONFLICT')
    return new HttpError(
      409,
      'VERSION_CONFLICT',
      'Someone else changed this conference meanwhile. Reload it and try again.',
    );
  const code = (e as { code?: string })?.code;
  if (code === 'NOT_YOUR_CONFERENCE')
    return new HttpError(
      403,
      code,
      'This conference is not one you take part in, so it cannot be shown to you.',
    );
  if (code === 'NOT_ALLOWED_FOR_ROLE')
    return new HttpError(
      403,
      code,
      'Your part in this conference does not allow this; the chair can do it, or ask the chair.',
    );
  if (e instanceof DomainError)
    return new HttpError(STATUS_BY_CODE[e.code] ?? 400, e.code, e.message, [...e.details]);
  return undefined;
}

export function newCorrelationId(): string {
  return randomUUID();
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: HttpError, correlationId: string): void {
  const body: ErrorBody = {
    error: { code: err.code, message: err.message, details: err.details },
    correlationId,
  };
  sendJson(res, err.status, body);
}
