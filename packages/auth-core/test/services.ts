import { Redis } from 'ioredis';

/** Redis for tests: TEST_REDIS_URL or the local default. */
export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Resolves when Redis answers. Under CI (`CI=true`) an unreachable Redis fails the run; on a
 * laptop without Redis it throws too, with a message saying how to start one, because these
 * tests exist to prove the Redis store works.
 */
export async function requireRedis(): Promise<void> {
  const client = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(`Redis is not reachable at ${redisUrl} (start one with \`redis-server --port 6379\`, or set TEST_REDIS_URL)`, { cause: error });
  } finally {
    client.disconnect();
  }
}
