import Database from 'better-sqlite3';
import { SessionExistsError } from '../session/errors.js';
import { SqliteReadCache, type SqliteReadCacheOptions } from './sqlite-read-cache.js';
import { parseRecord, summarize, userIdOf } from '../session/record.js';
import type { SessionStore, SessionSummary } from '../session/types.js';

/** Options of {@link SqliteSessionStore}. */
export interface SqliteSessionStoreOptions {
  /** Database file (created if missing), or `':memory:'`. Ignored when `database` is given. */
  filename?: string;
  /** An open better-sqlite3 database to share (the store creates its own table in it). */
  database?: Database.Database;
  /** Clock in ms since epoch; inject a fake one in tests. Default `Date.now`. */
  now?: () => number;
  /** How often expired rows are purged, in ms (0 disables the timer). Default 60,000. */
  purgeIntervalMs?: number;
  /**
   * Keep read sessions in memory, checked against SQLite's change counters before every read
   * (see {@link SqliteReadCache}): a session revoked by this process, another process or the users
   * CLI is gone on the very next read. `false` reads every session from the file. Default on, with
   * at most 10,000 sessions kept.
   */
  cache?: false | SqliteReadCacheOptions | undefined;
}

/** The store's table; fixed SQL, no interpolation. */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS sessions (
    key TEXT PRIMARY KEY,
    user_id TEXT,
    data TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS sessions_user_id ON sessions (user_id);
  CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions (expires_at);
`;

interface Row {
  key: string;
  data: string;
  expires_at: number;
}

/** What the read cache keeps of a row: primitives only, so no reader can change what the next one gets. */
type CachedRow = Readonly<Pick<Row, 'data' | 'expires_at'>>;

/**
 * The embedded default session store: one SQLite file (better-sqlite3, WAL mode), prepared
 * statements only, a per-user index for "your sessions", expired rows purged on a timer. Right
 * for a single instance; use the Redis store for several.
 *
 * @example
 * const store = new SqliteSessionStore({ filename: 'data/sessions.db' });
 */
export class SqliteSessionStore implements SessionStore {
  readonly #db: Database.Database;
  readonly #ownsDb: boolean;
  readonly #now: () => number;
  readonly #timer: NodeJS.Timeout | undefined;
  readonly #cache: SqliteReadCache<CachedRow> | undefined;
  readonly #statements: {
    get: Database.Statement<[string, number], Row>;
    create: Database.Statement<[string, string | null, string, number, number]>;
    update: Database.Statement<[string | null, string, number, string, number]>;
    destroy: Database.Statement<[string]>;
    listByUser: Database.Statement<[string, number], Row>;
    destroyOne: Database.Statement<[string, string, number]>;
    destroyByUser: Database.Statement<[string, number]>;
    purge: Database.Statement<[number]>;
  };

  /** Opens (and if needed creates) the store's table. */
  constructor(options: SqliteSessionStoreOptions = {}) {
    this.#ownsDb = options.database === undefined;
    this.#db = options.database ?? new Database(options.filename ?? ':memory:');
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#now = options.now ?? Date.now;
    // Fixed SQL only: every value is a bound parameter, nothing is interpolated.
    this.#db.exec(SCHEMA);
    this.#statements = {
      get: this.#db.prepare('SELECT key, data, expires_at FROM sessions WHERE key = ? AND expires_at > ?'),
      // Insert-only: an expired row not yet purged may be taken over, a live one never (0 changes).
      create: this.#db.prepare(
        'INSERT INTO sessions (key, user_id, data, expires_at) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT(key) DO UPDATE SET user_id = excluded.user_id, data = excluded.data, expires_at = excluded.expires_at ' +
          'WHERE sessions.expires_at <= ?',
      ),
      // Update-only: one statement, so a row deleted meanwhile is simply not there to update.
      update: this.#db.prepare('UPDATE sessions SET user_id = ?, data = ?, expires_at = ? WHERE key = ? AND expires_at > ?'),
      destroy: this.#db.prepare('DELETE FROM sessions WHERE key = ?'),
      listByUser: this.#db.prepare('SELECT key, data, expires_at FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY expires_at'),
      destroyOne: this.#db.prepare('DELETE FROM sessions WHERE key = ? AND user_id = ? AND expires_at > ?'),
      destroyByUser: this.#db.prepare('DELETE FROM sessions WHERE user_id = ? AND expires_at > ?'),
      purge: this.#db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    };
    this.#cache = options.cache === false ? undefined : new SqliteReadCache<CachedRow>(this.#db, options.cache);
    const interval = options.purgeIntervalMs ?? 60_000;
    this.#timer = interval > 0 ? setInterval(() => this.purgeExpired(), interval).unref() : undefined;
  }

  /** Returns the session data, or `undefined` if it is missing or expired. */
  get(key: string): Promise<Record<string, unknown> | undefined> {
    const now = this.#now();
    const load = (): CachedRow | undefined => {
      const row = this.#statements.get.get(key, now);
      return row && Object.freeze({ data: row.data, expires_at: row.expires_at });
    };
    const row = this.#cache ? this.#cache.read(key, load) : load();
    // A cached row may have expired since it was read; the file's row would not be returned now.
    return Promise.resolve(row && row.expires_at > now ? parseRecord(row.data) : undefined);
  }

  /** Inserts a new session; rejects with {@link SessionExistsError} when `key` holds a live one. */
  create(key: string, data: Record<string, unknown>, ttlMs: number): Promise<void> {
    const now = this.#now();
    const { changes } = this.#statements.create.run(key, userIdOf(data) ?? null, JSON.stringify(data), now + ttlMs, now);
    this.#cache?.wrote(key, changes);
    return changes > 0 ? Promise.resolve() : Promise.reject(new SessionExistsError());
  }

  /** Replaces a live session's data and TTL; `false`, and nothing written, when it is gone. */
  update(key: string, data: Record<string, unknown>, ttlMs: number): Promise<boolean> {
    const now = this.#now();
    const { changes } = this.#statements.update.run(userIdOf(data) ?? null, JSON.stringify(data), now + ttlMs, key, now);
    this.#cache?.wrote(key, changes);
    return Promise.resolve(changes > 0);
  }

  /** Deletes the session; deleting a missing session is not an error. */
  destroy(key: string): Promise<void> {
    const { changes } = this.#statements.destroy.run(key);
    this.#cache?.wrote(key, changes);
    return Promise.resolve();
  }

  /** Lists the live sessions of `userId`. */
  listByUser(userId: string): Promise<SessionSummary[]> {
    const list: SessionSummary[] = [];
    for (const row of this.#statements.listByUser.all(userId, this.#now())) {
      const data = parseRecord(row.data);
      if (data) list.push(summarize(row.key, data, row.expires_at));
    }
    return Promise.resolve(list);
  }

  /** Deletes one session of `userId`; returns whether it existed and was theirs. */
  destroyByDigest(userId: string, key: string): Promise<boolean> {
    const { changes } = this.#statements.destroyOne.run(key, userId, this.#now());
    this.#cache?.wrote(key, changes);
    return Promise.resolve(changes > 0);
  }

  /** Deletes every session of `userId`; returns how many were deleted. */
  destroyByUser(userId: string): Promise<number> {
    const { changes } = this.#statements.destroyByUser.run(userId, this.#now());
    this.#cache?.wrote(undefined, changes);
    return Promise.resolve(changes);
  }

  /** Resolves while the database is open. */
  ping(): Promise<void> {
    this.#db.prepare('SELECT 1').get();
    return Promise.resolve();
  }

  /** Stops the purge timer and closes the database if the store opened it. */
  close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#cache?.clear();
    if (this.#ownsDb && this.#db.open) this.#db.close();
    return Promise.resolve();
  }

  /** Deletes expired rows now (also runs on a timer); returns how many. */
  purgeExpired(): number {
    const { changes } = this.#statements.purge.run(this.#now());
    this.#cache?.wrote(undefined, changes);
    return changes;
  }
}

export { READ_CACHE_DEFAULT_MAX, SqliteReadCache, type SqliteReadCacheOptions } from './sqlite-read-cache.js';
