import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { afterAll } from 'vitest';
import { MemoryStore } from '../../src/stores/memory.js';
import { SqliteSessionStore } from '../../src/stores/sqlite.js';
import { RedisSessionStore } from '../../src/stores/redis.js';
import { testSessionStore } from '../../src/testing/index.js';
import { redisUrl, requireRedis } from '../services.js';

testSessionStore('MemoryStore', ({ now }) => new MemoryStore({ now, sweepIntervalMs: 0 }), {
  dumpAtRest: (store) => Promise.resolve(JSON.stringify(store instanceof MemoryStore ? store.snapshot() : [])),
});

const dir = mkdtempSync(path.join(tmpdir(), 'auth-core-sqlite-'));
let files = 0;
testSessionStore('SqliteSessionStore (real file)', ({ now }) => {
  const filename = path.join(dir, `sessions-${(files += 1)}.db`);
  return new SqliteSessionStore({ filename, now, purgeIntervalMs: 0 });
}, {
  dumpAtRest: () => {
    const db = new Database(path.join(dir, `sessions-${files}.db`), { readonly: true });
    const rows = db.prepare('SELECT * FROM sessions').all();
    db.close();
    return Promise.resolve(JSON.stringify(rows));
  },
});

// The same contract with the read cache off (the default store above has it on).
testSessionStore('SqliteSessionStore (real file, cache off)', ({ now }) => new SqliteSessionStore({ filename: path.join(dir, `uncached-${(files += 1)}.db`), now, purgeIntervalMs: 0, cache: false }));

await requireRedis();
const prefix = `test:${process.pid}:${Date.now()}:`;
const admin = new Redis(redisUrl, { lazyConnect: true });
afterAll(async () => {
  const keys = await admin.keys(`${prefix}*`);
  if (keys.length > 0) await admin.del(...keys);
  await admin.quit();
});
testSessionStore('RedisSessionStore (real Redis)', ({ now }) => new RedisSessionStore({ url: redisUrl, prefix, now }), {
  dumpAtRest: async () => {
    const keys = await admin.keys(`${prefix}*`);
    const values = await Promise.all(
      keys.map(async (k): Promise<unknown> => ((await admin.type(k)) === 'string' ? admin.get(k) : admin.smembers(k))),
    );
    return JSON.stringify({ keys, values });
  },
});
