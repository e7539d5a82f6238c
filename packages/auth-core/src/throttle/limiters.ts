import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * How long a run of consecutive failures is remembered: 20 days. (rate-limiter-flexible's memory
 * store expires keys with setTimeout, whose limit is 2^31 ms, about 24.8 days; a longer window
 * silently becomes 1 ms.)
 */
export const CONSECUTIVE_WINDOW_SECONDS = 20 * 24 * 3600;

/** Where throttle counters live: this process, or Redis shared by every instance. */
export interface CounterStore {
  /** An ioredis client; counters are shared by every instance using the same Redis. */
  redis?: Redis | undefined;
  /** Key prefix (isolates apps and test runs). Default `auth:rl`. */
  prefix?: string | undefined;
}

/** A limit: `limit` events within `windowSeconds`; reaching it blocks for `blockSeconds` (0 = until the window ends). */
export interface LimitSpec {
  name: string;
  limit: number;
  windowSeconds: number;
  blockSeconds: number;
}

/**
 * One rate-limiter-flexible limiter for `spec`. RLF blocks when consumed points *exceed* `points`,
 * so `points` is `limit - 1`: the `limit`-th failure triggers the block.
 */
export function makeLimiter(spec: LimitSpec, store: CounterStore): RateLimiterAbstract {
  const options = {
    keyPrefix: `${store.prefix ?? 'auth:rl'}:${spec.name}`,
    points: spec.limit - 1,
    duration: spec.windowSeconds,
    blockDuration: spec.blockSeconds,
  };
  return store.redis ? new RateLimiterRedis({ ...options, storeClient: store.redis }) : new RateLimiterMemory(options);
}

/** Seconds until `key` may act again on `limiter`, or 0 when it is not blocked. */
export async function blockedFor(limiter: RateLimiterAbstract, key: string, limit: number): Promise<number> {
  const res = await limiter.get(key);
  if (!res || res.consumedPoints < limit) return 0;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Records one event; resolves whether or not that event crossed the limit (the next check tells). */
export async function record(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error; // a store failure, not "over the limit"
  }
}
