import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryStore, type SessionStore } from '@acme/auth-core';
import { RedisSessionStore } from '@acme/auth-core/stores/redis';
import { SqliteSessionStore } from '@acme/auth-core/stores/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from './servers.js';

const SESSIONS = 10_000;
const USERS = 100;
const HOUR = 3_600_000;

/** A store key as the koa-session adapter makes it: the SHA-256 digest of a random id. */
const newKey = () => createHash('sha256').update(randomBytes(32)).digest('hex');

/** Writes 10,000 sessions (100 users × 100) in batches of 500 concurrent writes, then reads every one back. */
async function fillAndCheck(store: SessionStore): Promise<void> {
  const keys = Array.from({ length: SESSIONS }, newKey);
  for (let start = 0; start < SESSIONS; start += 500) {
    await Promise.all(keys.slice(start, start + 500).map((key, i) => store.create(key, { userId: `u${(start + i) % USERS}`, createdAt: Date.now() }, HOUR)));
  }
  const found = await Promise.all(keys.map((key) => store.get(key)));
  expect(found.filter((data) => data === undefined)).toHaveLength(0);
  expect(found[SESSIONS - 1]).toMatchObject({ userId: `u${(SESSIONS - 1) % USERS}` });
  expect(await store.listByUser('u7')).toHaveLength(SESSIONS / USERS);
  // "Log out everywhere" for one user removes exactly that user's sessions.
  expect(await store.destroyByUser('u7')).toBe(SESSIONS / USERS);
  expect(await store.get(keys[7] ?? '')).toBeUndefined();
  expect(await store.get(keys[8] ?? '')).toBeDefined();
}

describe('10,000 live sessions in each store', () => {
  let dir: string;
  let redis: PrivateRedis;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'demo-sessions-'));
    redis = await startPrivateRedis();
  }, 30_000);

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await redis.stop();
  });

  it('MemoryStore', async () => {
    const store = new MemoryStore({ maxEntries: SESSIONS, sweepIntervalMs: 0 });
    await fillAndCheck(store);
    await store.close();
  });

  it('SqliteSessionStore (file)', async () => {
    const store = new SqliteSessionStore({ filename: path.join(dir, 'sessions.db'), purgeIntervalMs: 0 });
    await fillAndCheck(store);
    await store.close();
  }, 60_000);

  it('RedisSessionStore (its own redis-server)', async () => {
    const store = new RedisSessionStore({ url: redis.url, prefix: 'scale:' });
    await fillAndCheck(store);
    await store.close();
  }, 60_000);
});
