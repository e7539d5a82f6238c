import { Redis, type RedisOptions } from 'ioredis';
import { parseRecord, summarize, userIdOf } from '../session/record.js';
import type { SessionStore, SessionSummary } from '../session/types.js';

/** Options of {@link RedisSessionStore}. */
export interface RedisSessionStoreOptions {
  /** An ioredis client to use (the store does not close it). */
  client?: Redis;
  /** Or a `redis://` URL: the store creates (and closes) its own client. */
  url?: string;
  /** Key prefix, so several apps or test runs share one Redis. Default `auth:`. */
  prefix?: string;
  /** Clock in ms since epoch, checked on read besides Redis's own TTL (fake clocks in tests). */
  now?: () => number;
}

/**
 * Client settings for a session store: commands wait for a (re)connection but give up after one
 * retry, so an outage turns into a quick 503 instead of requests hanging, and the client keeps
 * reconnecting in the background so the app recovers by itself.
 */
export const SESSION_REDIS_OPTIONS: RedisOptions = {
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  retryStrategy: (times) => Math.min(times * 100, 2_000),
};

interface Stored {
  d: Record<string, unknown>;
  e: number;
}

function parseStored(json: string | null): Stored | undefined {
  if (json === null) return undefined;
  const value = parseRecord(json);
  if (!value || typeof value.e !== 'number' || typeof value.d !== 'object' || value.d === null) return undefined;
  return { d: value.d as Record<string, unknown>, e: value.e };
}

/**
 * Sessions in Redis (ioredis) for several app instances: each session a key with a PX TTL, each
 * user a set of their session keys (for "your sessions" and "log out everywhere"), cleaned as it
 * is read.
 *
 * @example
 * const store = new RedisSessionStore({ url: process.env.REDIS_URL });
 */
export class RedisSessionStore implements SessionStore {
  readonly #redis: Redis;
  readonly #ownsClient: boolean;
  readonly #prefix: string;
  readonly #now: () => number;

  /** Connects (lazily, through ioredis) to Redis. */
  constructor(options: RedisSessionStoreOptions) {
    if (!options.client && !options.url) throw new TypeError('RedisSessionStore needs a `client` or a `url`');
    this.#ownsClient = !options.client;
    this.#redis = options.client ?? new Redis(options.url ?? '', SESSION_REDIS_OPTIONS);
    // ioredis reports connection errors as events; without a listener Node would crash on them.
    if (this.#ownsClient) this.#redis.on('error', () => undefined);
    this.#prefix = options.prefix ?? 'auth:';
    this.#now = options.now ?? Date.now;
  }

  /** The Redis key of a session. */
  sessionKey(key: string): string {
    return `${this.#prefix}sess:${key}`;
  }

  #userKey(userId: string): string {
    return `${this.#prefix}user:${userId}`;
  }

  /** Returns the session data, or `undefined` if it is missing or expired. */
  async get(key: string): Promise<Record<string, unknown> | undefined> {
    const stored = parseStored(await this.#redis.get(this.sessionKey(key)));
    return stored && stored.e > this.#now() ? stored.d : undefined;
  }

  /** Stores `data` under `key` for `ttlMs` milliseconds, replacing any previous value. */
  async set(key: string, data: Record<string, unknown>, ttlMs: number): Promise<void> {
    const ttl = Math.max(1, Math.ceil(ttlMs));
    const value = JSON.stringify({ d: data, e: this.#now() + ttl } satisfies Stored);
    const userId = userIdOf(data);
    const multi = this.#redis.multi().set(this.sessionKey(key), value, 'PX', ttl);
    if (userId !== undefined) multi.sadd(this.#userKey(userId), key).pexpire(this.#userKey(userId), ttl);
    const results = await multi.exec();
    const failed = results?.find(([error]) => error !== null);
    if (!results || failed) throw failed?.[0] ?? new Error('Redis transaction aborted');
  }

  /** Deletes the session; deleting a missing session is not an error. */
  async destroy(key: string): Promise<void> {
    await this.#redis.del(this.sessionKey(key));
  }

  /** Lists the live sessions of `userId`. */
  async listByUser(userId: string): Promise<SessionSummary[]> {
    const keys = await this.#redis.smembers(this.#userKey(userId));
    if (keys.length === 0) return [];
    const values = await this.#redis.mget(keys.map((k) => this.sessionKey(k)));
    const now = this.#now();
    const list: SessionSummary[] = [];
    const stale: string[] = [];
    keys.forEach((key, i) => {
      const stored = parseStored(values[i] ?? null);
      if (stored && stored.e > now && userIdOf(stored.d) === userId) list.push(summarize(key, stored.d, stored.e));
      else stale.push(key);
    });
    if (stale.length > 0) await this.#redis.srem(this.#userKey(userId), ...stale);
    return list.sort((a, b) => a.expiresAt - b.expiresAt);
  }

  /** Deletes one session of `userId`; returns whether it existed and was theirs. */
  async destroyByDigest(userId: string, key: string): Promise<boolean> {
    const stored = parseStored(await this.#redis.get(this.sessionKey(key)));
    if (!stored || stored.e <= this.#now() || userIdOf(stored.d) !== userId) return false;
    await this.#redis.multi().del(this.sessionKey(key)).srem(this.#userKey(userId), key).exec();
    return true;
  }

  /** Deletes every session of `userId`; returns how many were deleted. */
  async destroyByUser(userId: string): Promise<number> {
    const live = await this.listByUser(userId);
    const keys = live.map((s) => this.sessionKey(s.digest));
    const multi = this.#redis.multi().del(this.#userKey(userId));
    if (keys.length > 0) multi.del(...keys);
    await multi.exec();
    return live.length;
  }

  /** Resolves when Redis answers PING. */
  async ping(): Promise<void> {
    await this.#redis.ping();
  }

  /** Closes the client if the store created it. */
  async close(): Promise<void> {
    if (this.#ownsClient && this.#redis.status !== 'end') await this.#redis.quit().catch(() => this.#redis.disconnect());
  }
}
