import { isDomainError } from '../../../bot/domain/errors.js';

/** The DomainError code `fn` throws, or 'no error'. */
export function thrownCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return isDomainError(e) ? e.code : `not a DomainError: ${String(e)}`;
  }
  return 'no error';
}
