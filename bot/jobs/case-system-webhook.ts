/**
 * Delivers messages to the council's case-management system as signed JSON over HTTPS. The signature
 * header is `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the shared secret: the
 * receiver recomputes it, compares in constant time and refuses a timestamp more than 5 minutes old, so
 * a captured message cannot be replayed later. Anything but a 2xx is retried by the outbox with back-off
 * until acknowledged; the message id lets the receiver ignore a repeat.
 */
import { createHmac } from 'node:crypto';
import type { Clock } from '../domain/clock.js';
import type { CaseSystemRepository } from '../store/case-system-repository.js';

export interface CaseSystemWebhookSettings {
  url: string;
  secret: string;
}

export const SIGNATURE_HEADER = 'roundtable-signature';
export const MESSAGE_ID_HEADER = 'roundtable-message-id';

export function signBody(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const mac = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${mac}`;
}

/** Why a delivery did not count, as the dispatcher's retry logic reads it (code, status, Retry-After). */
class DeliveryError extends Error {
  readonly retryable = true;
  constructor(
    readonly code: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(code);
    this.name = 'CaseSystemDeliveryError';
  }
}

export function caseSystemWebhook(deps: {
  settings: CaseSystemWebhookSettings;
  messages: CaseSystemRepository;
  clock: Clock;
  timeoutMs?: number;
}) {
  return {
    async deliver(messageId: string): Promise<void> {
      const message = await deps.messages.get(messageId);
      // Gone with its conference (retention), or already acknowledged: nothing left to do.
      if (!message || message.acknowledgedAt) return;
      const body = JSON.stringify(message.body);
      let res: Response;
      try {
        res = await fetch(deps.settings.url, {
          method: 'POST',
          body,
          redirect: 'error', // never follow a redirect to a host the council did not configure
          signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
          headers: {
            'content-type': 'application/json',
            [SIGNATURE_HEADER]: signBody(deps.settings.secret, body, deps.clock.now()),
            [MESSAGE_ID_HEADER]: message.id,
          },
        });
      } catch (e) {
        throw new DeliveryError(
          (e as Error).name === 'TimeoutError' ? 'CASE_SYSTEM_TIMEOUT' : 'CASE_SYSTEM_UNREACHABLE',
        );
      }
      await res.body?.cancel();
      const ok = res.status >= 200 && res.status < 300;
      await deps.messages.noteAttempt(message.id, res.status, ok ? deps.clock.now() : null);
      if (ok) return;
      const retryAfter = Number(res.headers.get('retry-after'));
      throw new DeliveryError(
        'CASE_SYSTEM_REFUSED',
        res.status,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      );
    },
  };
}
export type CaseSystemWebhook = ReturnType<typeof caseSystemWebhook>;
