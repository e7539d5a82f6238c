import nodeCluster from 'node:cluster';
import type { Redis } from 'ioredis';
import { RateLimiterCluster, RateLimiterClusterMaster, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ThrottleDecision } from './types.js';

/**
 * How long a run of consecutive failures is remembered: 20 days. (rate-limiter-flexible's memory
 * store expires keys with setTimeout, whose limit is 2^31 ms, about 24.8 days; a longer window
 * silently becomes 1 ms.)
 */
export const CONSECUTIVE_WINDOW_SECONDS = 20 * 24 * 3600;

/** Where throttle counters live: this process, the primary of a `node:cluster`, or Redis shared by every instance. */
export interface CounterStore {
  /** An ioredis client; counters are shared by every instance using the same Redis. */
  redis?: Redis | undefined;
  /**
   * In a `node:cluster` worker without Redis: keep the counters in the primary process, which
   * must have called {@link shareCountersWithWorkers}; every worker then counts against the same
   * limits, one message round trip per count. Ignored when `redis` is set.
   */
  cluster?: boolean | undefined;
  /** Key prefix (isolates apps and test runs). Default `auth:rl`. */
  prefix?: string | undefined;
}

/** A limit: `limit` attempts go ahead within `windowSeconds`; the next one blocks for `blockSeconds` (0 = until the window ends). */
export interface LimitSpec {
  name: string;
  limit: number;
  windowSeconds: number;
  blockSeconds: number;
}

/**
 * One rate-limiter-flexible limiter for `spec`. RLF refuses a consume that takes the count past
 * `points`, and blocks from that consume on: with `points = limit`, `limit` attempts go ahead and
 * the next one starts the block.
 *
 * @example
 * const codes = makeLimiter({ name: 'totp', limit: 5, windowSeconds: 900, blockSeconds: 900 }, { redis });
 */
export function makeLimiter(spec: LimitSpec, store: CounterStore): RateLimiterAbstract {
  const options = {
    keyPrefix: `${store.prefix ?? 'auth:rl'}:${spec.name}`,
    points: spec.limit,
    duration: spec.windowSeconds,
    blockDuration: spec.blockSeconds,
  };
  if (store.redis) return new RateLimiterRedis({ ...options, storeClient: store.redis });
  if (store.cluster === true) return new RateLimiterCluster({ ...options, timeoutMs: CLUSTER_COUNT_TIMEOUT_MS });
  // Each worker's own memory would give every client N times the limit, and N counts that
  // cannot see each other's: a limit that does not hold. Refuse rather than run that way.
  if (nodeCluster.isWorker) throw new TypeError(`Refusing in-memory throttle counters (${spec.name}) in a cluster worker: each worker would count alone. Use Redis, or { cluster: true } with shareCountersWithWorkers() in the primary.`);
  return new RateLimiterMemory(options);
}

/** How long a worker waits for the primary to answer a count before the request fails (503), in ms. */
export const CLUSTER_COUNT_TIMEOUT_MS = 3_000;

/**
 * In the primary process of a `node:cluster`: holds the throttle counters of every worker whose
 * limiters were made with `{ cluster: true }` (rate-limiter-flexible's cluster master, in memory
 * here, one counter per limit and key). Each count is one message from a worker and is applied in
 * the primary's single thread, so parallel attempts on different workers cannot all see room
 * that only one of them has. Call it before forking; calling it again is harmless.
 *
 * @example
 * if (cluster.isPrimary) {
 *   shareCountersWithWorkers();
 *   cluster.fork();
 * }
 */
export function shareCountersWithWorkers(): void {
  new RateLimiterClusterMaster();
}

/** One point to take from `limiter` for `key`. */
export interface Charge {
  limiter: RateLimiterAbstract;
  key: string;
}

/**
 * Gives one point back on each charge. A point given back after its window ended starts the
 * next window one below zero: one extra attempt at most, once, which is not worth a read first.
 *
 * @example
 * await giveBack([{ limiter: perIpPerDay, key: ctx.ip }]);
 */
export async function giveBack(charges: readonly Charge[]): Promise<void> {
  await Promise.all(charges.map((c) => c.limiter.reward(c.key, 1)));
}

/**
 * Counts one attempt on every charge before the check it guards. RLF's `consume` increments and
 * compares in one step (in memory, and in Redis through a Lua script), so parallel attempts
 * cannot all see room that only one of them has. An attempt refused by any limiter is never
 * checked, so the others give their point back: hammering a blocked username+IP must not also
 * use up the account's or the IP's allowance. A store failure is thrown after that.
 *
 * @example
 * const decision = await chargeAll([{ limiter: byUserIp, key: `${user}|${ip}` }, { limiter: byIp, key: ip }]);
 */
export async function chargeAll(charges: readonly Charge[]): Promise<ThrottleDecision> {
  const results = await Promise.allSettled(charges.map((c) => c.limiter.consume(c.key, 1)));
  const taken = charges.filter((_, i) => results[i]?.status === 'fulfilled');
  if (taken.length === charges.length) return { allowed: true };
  await giveBack(taken);
  const refusals: RateLimiterRes[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') continue;
    const reason: unknown = result.reason;
    if (!(reason instanceof RateLimiterRes)) throw reason; // the store failed: not "over the limit"
    refusals.push(reason);
  }
  const waitMs = Math.max(...refusals.map((r) => r.msBeforeNext));
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}
