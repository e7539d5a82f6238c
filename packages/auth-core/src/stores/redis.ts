import { createHash } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { SessionExistsError } from '../session/errors.js';
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

/**
 * The write scripts share one body: is the session live (by the store's clock, like `get`), then
 * write the value with its PX TTL and add it to the user's index, whose TTL only ever grows.
 * KEYS: the session key, then the user's index when the data names a user. ARGV: the value, the
 * TTL in ms, the store's now, the digest (the index member).
 */
const WRITE_LUA = `
local function live()
  local json = redis.call('GET', KEYS[1])
  if not json then return false end
  local ok, value = pcall(cjson.decode, json)
  return ok and type(value) == 'table' and type(value.e) == 'number' and value.e > tonumber(ARGV[3])
end
local function write()
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  if #KEYS > 1 then
    redis.call('SADD', KEYS[2], ARGV[4])
    if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
  end
  return 1
end
`;

interface WriteScript {
  lua: string;
  sha: string;
}

/**
 * A script sent by its SHA-1 (EVALSHA), falling back to EVAL once when Redis does not know it
 * yet. Hand-written rather than ioredis's `defineCommand`, which adds untyped methods to a client
 * the app may share with the store.
 */
function writeScript(body: string): WriteScript {
  const lua = `${WRITE_LUA}\n${body}`;
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}

/** Insert-only: a live session under the key is never replaced (0). */
const CREATE_SCRIPT = writeScript('if live() then return 0 end\nreturn write()');

/** Update-only: a missing, destroyed or expired session is not written, nor put back in the index (0). */
const UPDATE_SCRIPT = writeScript('if not live() then return 0 end\nreturn write()');

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

  /** Inserts a new session; rejects with {@link SessionExistsError} when `key` holds a live one. */
  async create(key: string, data: Record<string, unknown>, ttlMs: number): Promise<void> {
    if (!(await this.#write(CREATE_SCRIPT, key, data, ttlMs))) throw new SessionExistsError();
  }

  /** Replaces a live session's data and TTL; `false`, and nothing written (nor indexed), when it is gone. */
  update(key: string, data: Record<string, unknown>, ttlMs: number): Promise<boolean> {
    return this.#write(UPDATE_SCRIPT, key, data, ttlMs);
  }

  /** Runs a write script: the liveness check, the value and the per-user index in one atomic step. */
  async #write(script: WriteScript, key: string, data: Record<string, unknown>, ttlMs: number): Promise<boolean> {
    const ttl = Math.max(1, Math.ceil(ttlMs));
    const now = this.#now();
    const value = JSON.stringify({ d: data, e: now + ttl } satisfies Stored);
    const userId = userIdOf(data);
    const keys = userId === undefined ? [this.sessionKey(key)] : [this.sessionKey(key), this.#userKey(userId)];
    const args = [value, String(ttl), String(now), key];
    try {
      return (await this.#redis.evalsha(script.sha, keys.length, ...keys, ...args)) === 1;
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
      return (await this.#redis.eval(script.lua, keys.length, ...keys, ...args)) === 1;
    }
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
