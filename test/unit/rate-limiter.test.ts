import {
  createRateLimiter,
  TEAMS_CONVERSATION_WINDOWS,
  TEAMS_TENANT_WINDOWS,
} from '../../bot/teams/rate-limiter.js';
import type { Lane, RateWindow } from '../../bot/teams/rate-limiter.js';

/** Simulated time: a sleeper moves the clock on (never back) once pending promise callbacks have run. */
function fakeTime(start = 0) {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      const until = t + ms;
      await new Promise((resolve) => setImmediate(resolve));
      t = Math.max(t, until);
    },
    jump: (ms: number) => {
      t += ms;
    },
  };
}

const conversation = (id: string): Lane => ({
  key: `conversation:${id}`,
  windows: TEAMS_CONVERSATION_WINDOWS,
});
const tenant: Lane = { key: 'tenant:t1', windows: TEAMS_TENANT_WINDOWS };

/** Grant times, in the order granted, for `n` calls made all at once. */
async function burst(
  limiter: ReturnType<typeof createRateLimiter>,
  now: () => number,
  n: number,
  lanes: Lane[],
) {
  const times: number[] = [];
  await Promise.all(Array.from({ length: n }, () => limiter.acquire(lanes).then(() => times.push(now()))));
  return times;
}

/** No span of any window's length holds more than its limit. */
function expectWithinLimits(times: number[], windows: readonly RateWindow[]) {
  for (const w of windows)
    for (const start of times) {
      const inSpan = times.filter((t) => t >= start && t < start + w.ms).length;
      expect({ window: w, start, inSpan: Math.min(inSpan, w.limit) }).toEqual({ window: w, start, inSpan });
    }
}

describe('rate limiter, Teams limits per conversation', () => {
  test('a burst of 20 to one conversation keeps 7 per 1 s and 8 per 2 s, and waits rather than fails', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter(time);
    const times = await burst(limiter, time.now, 20, [conversation('a')]);
    expect(times).toEqual([
      ...Array<number>(7).fill(0),
      1000,
      ...Array<number>(7).fill(2000),
      3000,
      ...Array<number>(4).fill(4000),
    ]);
    expectWithinLimits(times, TEAMS_CONVERSATION_WINDOWS);
    expect(time.sleeps).toEqual([1000, 1000, 1000, 1000]);
  });

  test('the 61st message in 30 s waits for the first to leave the 30 s window', async () => {
    const time = fakeTime();
    const times = await burst(createRateLimiter(time), time.now, 61, [conversation('a')]);
    expectWithinLimits(times, TEAMS_CONVERSATION_WINDOWS);
    expect(times[59]).toBeLessThan(30_000);
    expect(times[60]).toBe(30_000);
  });

  test('the hourly limit of 1,800 holds', async () => {
    const time = fakeTime();
    const lane: Lane = { key: 'c', windows: [{ limit: 1_800, ms: 3_600_000 }] };
    const times = await burst(createRateLimiter(time), time.now, 1_801, [lane]);
    expect(times.slice(0, 1_800).every((t) => t === 0)).toBe(true);
    expect(times[1_800]).toBe(3_600_000);
  });

  test('callers for one conversation are served in the order they called', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter(time);
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => limiter.acquire([conversation('a')]).then(() => order.push(i))),
    );
    expect(order).toEqual([...Array(12).keys()]);
  });

  test('a busy conversation does not hold up another', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter(time);
    const busy = burst(limiter, time.now, 20, [conversation('busy'), tenant]);
    let quietAt: number | undefined;
    await limiter.acquire([conversation('quiet'), tenant]).then(() => (quietAt = time.now()));
    await busy;
    expect(quietAt).toBe(0);
  });

  test('after a quiet hour a conversation may burst again', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter(time);
    await burst(limiter, time.now, 20, [conversation('a')]);
    time.jump(3_600_000);
    const start = time.now();
    const times = await burst(limiter, time.now, 7, [conversation('a')]);
    expect(times).toEqual(Array<number>(7).fill(start));
  });
});

describe('rate limiter, the tenant-wide limit', () => {
  test('31 messages to 31 conversations in one tenant: the 31st waits a second', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter(time);
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 31 }, (_, i) =>
        limiter.acquire([conversation(`c${i}`), tenant]).then(() => times.push(time.now())),
      ),
    );
    expect(times.filter((t) => t === 0)).toHaveLength(30);
    expect(times[30]).toBe(1000);
  });

  test('other tenants are not counted', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter(time);
    const other: Lane = { key: 'tenant:t2', windows: TEAMS_TENANT_WINDOWS };
    await Promise.all(Array.from({ length: 30 }, (_, i) => limiter.acquire([conversation(`c${i}`), tenant])));
    await limiter.acquire([conversation('elsewhere'), other]);
    expect(time.now()).toBe(0);
  });
});

test('a failing sleep rejects that caller only; the queue carries on', async () => {
  const time = fakeTime();
  let failOnce = true;
  const limiter = createRateLimiter({
    now: time.now,
    sleep: async (ms) => {
      if (failOnce) {
        failOnce = false;
        throw new Error('timer broke');
      }
      await time.sleep(ms);
    },
  });
  const lane: Lane = { key: 'c', windows: [{ limit: 1, ms: 100 }] };
  const results = await Promise.allSettled([0, 1, 2].map(() => limiter.acquire([lane])));
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect(time.now()).toBe(100);
});
