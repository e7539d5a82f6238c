// koa-session's external store for the Koa peer, written by hand as a Koa user writes it (koa-session
// ships none): get, set and destroy over the SQLite session table, or over Redis with ioredis (the
// client the demo uses, with the demo's client settings), keys under this process's prefix.
import path from 'node:path';
import { Redis } from 'ioredis';
import type { PeerSetup } from './peer-common.js';
import { openSessionTable } from './peer-session-table.js';

/** koa-session's `store` option, and how to close it. */
export interface KoaSessionStore {
  get(key: string): Promise<Record<string, unknown> | undefined>;
  /** Writes the session for `maxAge` ms (koa-session calls it when the session changed). */
  set(key: string, data: Record<string, unknown>, maxAge: number): Promise<void>;
  destroy(key: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The Koa peer's session store for `setup.store`: SQLite in `setup.dir/sessions.db`, or Redis.
 * Rejects when Redis is unreachable.
 *
 * @example
 * app.use(session({ store: await openKoaStore(setup), rolling: false }, app));
 */
export async function openKoaStore(setup: PeerSetup): Promise<KoaSessionStore> {
  if (setup.store === 'sqlite') {
    const table = openSessionTable(path.join(setup.dir, 'sessions.db'));
    return {
      get: (key) => {
        const json = table.get(key);
        return Promise.resolve(json === undefined ? undefined : (JSON.parse(json) as Record<string, unknown>));
      },
      set: (key, data, maxAge) => Promise.resolve(table.set(key, JSON.stringify(data), Date.now() + maxAge)),
      destroy: (key) => Promise.resolve(table.destroy(key)),
      close: () => Promise.resolve(table.close()),
    };
  }
  const redis = new Redis(setup.redisUrl, { maxRetriesPerRequest: 1, retryStrategy: (n) => Math.min(n * 100, 2000) });
  redis.on('error', () => undefined); // surfaces through the commands
  await redis.ping();
  const prefix = `${setup.redisPrefix}koa:sess:`;
  return {
    get: async (key) => {
      const json = await redis.get(prefix + key);
      return json === null ? undefined : (JSON.parse(json) as Record<string, unknown>);
    },
    set: async (key, data, maxAge) => void (await redis.set(prefix + key, JSON.stringify(data), 'PX', maxAge)),
    destroy: async (key) => void (await redis.del(prefix + key)),
    close: async () => void (await redis.quit()),
  };
}
