import pg from 'pg';
import { requireRedis as requireRedisAt } from '@acme/auth-core/testing';

/** PostgreSQL for tests: TEST_DATABASE_URL or the local default. */
export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Redis for tests: TEST_REDIS_URL or the local default. */
export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Creates a fresh, uniquely named database on the test server and returns its URL and a function
 * that drops it. Fails with a clear message when PostgreSQL cannot be reached.
 */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${postgresUrl} (start it, or set TEST_DATABASE_URL)`, { cause: error });
  }
  const name = `demo_test_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`); // a generated identifier, not input
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Resolves when the test Redis answers; fails the test run with a clear message otherwise. */
export function requireRedis(): Promise<void> {
  return requireRedisAt(redisUrl);
}
