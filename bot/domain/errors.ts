/**
 * Typed domain errors with stable codes (STYLE.md #7). The domain raises them; only the edges
 * (HTTP routes, card handlers) turn them into a status code or an error card.
 */
export const ErrorCodes = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  CONFERENCE_NOT_FOUND: 'CONFERENCE_NOT_FOUND',
  UNKNOWN_VERB: 'UNKNOWN_VERB',
  MALFORMED_PAYLOAD: 'MALFORMED_PAYLOAD',
  RSVP_NOT_INVITED: 'RSVP_NOT_INVITED',
  RSVP_STALE_CARD: 'RSVP_STALE_CARD',
  RSVP_CONFERENCE_CLOSED: 'RSVP_CONFERENCE_CLOSED',
  RSVP_DEPUTY_INVALID: 'RSVP_DEPUTY_INVALID',
  RSVP_IDEMPOTENCY_CONFLICT: 'RSVP_IDEMPOTENCY_CONFLICT',
  DEADLINE_OUT_OF_RANGE: 'DEADLINE_OUT_OF_RANGE',
  REPORT_NOT_FOUND: 'REPORT_NOT_FOUND',
  REPORT_EXISTS: 'REPORT_EXISTS',
  REPORT_INCOMPLETE: 'REPORT_INCOMPLETE',
  REPORT_ALREADY_SUBMITTED: 'REPORT_ALREADY_SUBMITTED',
  REPORT_CONFERENCE_STARTED: 'REPORT_CONFERENCE_STARTED',
  REPORT_VERSION_UNKNOWN: 'REPORT_VERSION_UNKNOWN',
  REPORT_NOT_WRITTEN: 'REPORT_NOT_WRITTEN',
  DECISION_BEFORE_PLAN: 'DECISION_BEFORE_PLAN',
  NO_DECISION_YET: 'NO_DECISION_YET',
  ALREADY_APPROVED: 'ALREADY_APPROVED',
  NOT_YET_APPROVED: 'NOT_YET_APPROVED',
  RESTRICTED_NOT_CONFIRMED: 'RESTRICTED_NOT_CONFIRMED',
  PLAN_NOT_ACTIVE: 'PLAN_NOT_ACTIVE',
  // Refusals a card answers with (the API answers them as 403 at the edge, bot/http/role-access.ts).
  NOT_YOUR_CONFERENCE: 'NOT_YOUR_CONFERENCE',
  NOT_ALLOWED_FOR_ROLE: 'NOT_ALLOWED_FOR_ROLE',
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** An error a person can act on: `message` is written for them and carries no case data. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Field-level problems, e.g. [{ path: 'children.0.dateOfBirth', message: '...' }]. */
    readonly details: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
