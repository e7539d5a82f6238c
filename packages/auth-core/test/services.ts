import { requireRedis as requireRedisAt } from '../src/testing/index.js';

/** Redis for tests: TEST_REDIS_URL or the local default. */
export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Resolves when the test Redis answers; fails the test run with a clear message otherwise. */
export function requireRedis(): Promise<void> {
  return requireRedisAt(redisUrl);
}
