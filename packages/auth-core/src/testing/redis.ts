import { Redis } from 'ioredis';

/** The Redis tests use: TEST_REDIS_URL, or the local default. */
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Resolves when Redis answers at `url`; otherwise rejects with a message that says how to start
 * one. Tests that exist to prove something against Redis call it first, so a missing Redis fails
 * them loudly instead of passing nothing.
 *
 * @example
 * await requireRedis(testRedisUrl);
 */
export async function requireRedis(url: string = testRedisUrl): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(`Redis is not reachable at ${url} (start one with \`redis-server --port 6379\`, or set TEST_REDIS_URL)`, { cause: error });
  } finally {
    client.disconnect();
  }
}
