/**
 * Raised when a write names a version that is no longer current: someone else changed the record
 * since the caller read it. The edge turns it into "reload and try again" (HTTP 409 or an error card).
 * The code sits beside the domain's codes (STYLE.md #7); the message carries no case data.
 */
export class VersionConflictError extends Error {
  readonly code = 'VERSION_CONFLICT';
  constructor(
    readonly entity: 'conference' | 'invitation' | 'conference record',
    readonly id: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`This ${entity} was changed by someone else. Reload it and try again.`);
    this.name = 'VersionConflictError';
  }
}

export const isVersionConflict = (e: unknown): e is VersionConflictError => e instanceof VersionConflictError;
