/**
 * Refuses requests over a limit per key in any rolling minute (the report links: per link and per
 * client address). Unlike bot/teams/rate-limiter.ts, which makes outgoing calls wait their turn, this
 * answers at once, so the caller can reply 429 with Retry-After. In memory, per instance.
 */

export interface LimitRule {
  /** Which bucket a request falls in, e.g. `link:<id>`; undefined skips this rule. */
  key: string | undefined;
  limit: number;
}

export interface RequestLimiter {
  /** Counts the request in every bucket if all have room; otherwise how many seconds until one does. */
  take(rules: readonly LimitRule[]): { ok: true } | { ok: false; retryAfterSeconds: number };
}

/** Beyond this many keys the quietest are forgotten, so a flood of new addresses cannot exhaust memory. */
const MAX_KEYS = 50_000;

export function createRequestLimiter(windowMs = 60_000, now: () => number = Date.now): RequestLimiter {
  const buckets = new Map<string, number[]>();
  const recent = (key: string, t: number) => (buckets.get(key) ?? []).filter((s) => t - s < windowMs);
  return {
    take(rules) {
      const t = now();
      const live = rules.filter((r): r is { key: string; limit: number } => r.key !== undefined);
      let wait = 0;
      for (const r of live) {
        const stamps = recent(r.key, t);
        buckets.set(r.key, stamps);
        if (stamps.length >= r.limit) wait = Math.max(wait, stamps[stamps.length - r.limit]! + windowMs - t);
      }
      if (wait > 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
      for (const r of live) {
        // Re-inserting moves the key to the end: the map's first keys are the quietest.
        const stamps = buckets.get(r.key) ?? [];
        buckets.delete(r.key);
        buckets.set(r.key, [...stamps, t]);
      }
      while (buckets.size > MAX_KEYS) buckets.delete(buckets.keys().next().value!);
      return { ok: true };
    },
  };
}
