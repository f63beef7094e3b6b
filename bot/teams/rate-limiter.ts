/**
 * Sliding-window rate limits for outgoing Bot Connector calls.
 *
 * The windows live in memory, so each instance limits itself: two instances sending to one conversation
 * could together exceed Teams' limits. Teams then answers 429, which the proactive sender retries.
 */

export interface RateWindow {
  /** Most calls allowed in any span of `ms` milliseconds. */
  limit: number;
  ms: number;
}

/** One set of limits shared by everything sent under `key` (a conversation, a tenant). */
export interface Lane {
  key: string;
  windows: readonly RateWindow[];
}

/** Teams' limits per bot per conversation (Microsoft Learn, "Optimize your bot: rate limiting"). */
export const TEAMS_CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
  { limit: 1_800, ms: 3_600_000 },
];

/** Teams' limit per app per tenant, about 30 requests a second. */
export const TEAMS_TENANT_WINDOWS: readonly RateWindow[] = [{ limit: 30, ms: 1_000 }];

export interface RateLimiter {
  /**
   * Resolves once every lane has room, taking one slot in each. Callers sharing the first lane's key
   * are served in the order they called; other keys never wait behind them.
   */
  acquire(lanes: readonly Lane[]): Promise<void>;
}

export interface RateLimiterOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface LaneState {
  /** Times of granted slots, oldest first; only those that can still matter are kept. */
  stamps: number[];
  longestMs: number;
}

const SWEEP_EVERY = 1_000;

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const lanes = new Map<string, LaneState>();
  const inOrder = createSerialQueues();
  let grants = 0;

  /** How long until `lane` has room at time `t` (0 or less: room now). */
  const waitFor = (lane: Lane, t: number): number => {
    const stamps = lanes.get(lane.key)?.stamps ?? [];
    let wait = 0;
    for (const w of lane.windows) {
      // The slot that must leave the window before one more fits in it.
      const blocking = stamps[stamps.length - w.limit];
      if (blocking !== undefined) wait = Math.max(wait, blocking + w.ms - t);
    }
    return wait;
  };

  const take = (lane: Lane, t: number): void => {
    const longestMs = Math.max(...lane.windows.map((w) => w.ms));
    const mostKept = Math.max(...lane.windows.map((w) => w.limit));
    const stamps = (lanes.get(lane.key)?.stamps ?? []).filter((s) => t - s < longestMs);
    stamps.push(t);
    lanes.set(lane.key, { stamps: stamps.slice(-mostKept), longestMs });
  };

  // Forget conversations that have been quiet for longer than their longest window.
  const sweep = (t: number): void => {
    for (const [key, state] of lanes) {
      const last = state.stamps[state.stamps.length - 1];
      if (last === undefined || t - last >= state.longestMs) lanes.delete(key);
    }
  };

  const waitAndTake = async (wanted: readonly Lane[]): Promise<void> => {
    for (;;) {
      const t = now();
      const wait = Math.max(0, ...wanted.map((lane) => waitFor(lane, t)));
      if (wait <= 0) {
        // Check and take with no await between them, so concurrent callers cannot both take the last slot.
        for (const lane of wanted) take(lane, t);
        if (++grants % SWEEP_EVERY === 0) sweep(t);
        return;
      }
      await sleep(wait);
    }
  };

  return {
    acquire: (wanted) => (wanted[0] ? inOrder(wanted[0].key, () => waitAndTake(wanted)) : Promise.resolve()),
  };
}

/** Runs work one piece at a time per key, in the order given; a failure does not stop the queue. */
export function createSerialQueues(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, work) => {
    const mine = (tails.get(key) ?? Promise.resolve()).then(work);
    const tail = mine.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return mine;
  };
}
