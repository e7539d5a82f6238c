import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';

/** Options of {@link SqliteReadCache}. */
export interface SqliteReadCacheOptions {
  /** Most entries kept; the least recently used go first. Default 10,000. */
  max?: number | undefined;
}

/** What the cache reads to know whether anything changed: the connection's view of the file. */
interface Stamp {
  /** `PRAGMA data_version`: moves when another connection (this process or another) commits. */
  dataVersion: number;
  /** `total_changes()`: rows this connection itself has written since it opened. */
  totalChanges: number;
}

/** The default size cap: about ten thousand signed-in users or sessions. */
export const READ_CACHE_DEFAULT_MAX = 10_000;

/**
 * A read cache for one better-sqlite3 connection that is never stale: before every lookup it
 * reads the connection's `PRAGMA data_version` and `total_changes()` (prepared statements),
 * and drops every entry when either moved. `data_version` moves when any *other* connection
 * commits to the file (another process, the users CLI, a second connection of this process), and
 * `total_changes()` when this connection writes, so no write reaches the file without the next
 * lookup seeing it (a read-only connection cannot write, so there only `data_version` is read). A
 * caller that writes through the same connection itself can keep the rest of the cache by
 * reporting the write ({@link SqliteReadCache.wrote}): only the written key is dropped, and only
 * when the counters moved by exactly that write.
 *
 * Why not a library: caches invalidate by time or by explicit calls; a foreign process's commit
 * is visible only through SQLite's own counters, read on the same connection the rows come from.
 *
 * A value is cached only from a read made in the same synchronous step as the check
 * ({@link SqliteReadCache.read}), so nothing can commit unseen between the two. Memory is bounded
 * (an LRU of `max` entries). Cache values that are not shared mutable objects (strings or rows of
 * primitives): a caller that changed a cached object would change what the next request reads.
 *
 * @example
 * const cache = new SqliteReadCache<string>(database);
 * const data = cache.read(key, () => statement.get(key)?.data);
 */
export class SqliteReadCache<V extends NonNullable<unknown>> {
  readonly #database: Database.Database;
  readonly #entries: LRUCache<string, V>;
  // Two statements, not one `SELECT … FROM pragma_data_version`: the table-valued form prepares
  // the pragma again on every call (about 5 µs); a prepared `PRAGMA data_version` costs about as
  // much as SQLite's read-transaction start (its file locks), and total_changes() almost nothing.
  readonly #dataVersion: Database.Statement<[], number>;
  /** Undefined on a read-only connection, whose own writes cannot happen. */
  readonly #totalChanges: Database.Statement<[], number> | undefined;
  #stamp: Stamp | undefined;

  /** Attaches to an open connection (the statement is prepared now). */
  constructor(database: Database.Database, options: SqliteReadCacheOptions = {}) {
    this.#database = database;
    this.#entries = new LRUCache<string, V>({ max: options.max ?? READ_CACHE_DEFAULT_MAX });
    this.#dataVersion = database.prepare<[], number>('PRAGMA data_version').pluck();
    this.#totalChanges = database.readonly ? undefined : database.prepare<[], number>('SELECT total_changes()').pluck();
  }

  /** How many entries are held now. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The value under `key`: the cached one when nothing was written to the file since it was read,
   * else `load()`'s (read now, on the same connection) which is kept for the next call. `load` must
   * be synchronous and read through this cache's connection. Inside an open transaction on the
   * connection nothing is cached or served from the cache: the transaction may still roll back.
   *
   * @example
   * const row = cache.read(id, () => findUser.get(id));
   */
  read(key: string, load: () => V | undefined): V | undefined {
    if (this.#database.inTransaction) return load();
    this.#sync();
    const cached = this.#entries.get(key);
    if (cached !== undefined) return cached;
    const loaded = load();
    if (loaded !== undefined) this.#entries.set(key, loaded);
    return loaded;
  }

  /**
   * Reports a write this cache's owner just made through the same connection: `key`'s entry is
   * dropped (every entry when `key` is undefined, for writes that may touch many keys) and, when
   * the counters moved by exactly `changes` rows and nothing else committed meanwhile, the other
   * entries are kept. Otherwise every entry is dropped. Call it right after the statement, in the
   * same synchronous step.
   *
   * @example
   * const { changes } = update.run(data, key);
   * cache.wrote(key, changes);
   */
  wrote(key: string | undefined, changes: number): void {
    if (key === undefined) this.#entries.clear();
    else this.#entries.delete(key);
    const before = this.#stamp;
    const now = this.#readStamp();
    const onlyThisWrite = before !== undefined && now.dataVersion === before.dataVersion && now.totalChanges === before.totalChanges + changes;
    if (!onlyThisWrite) this.#entries.clear();
    this.#stamp = now;
  }

  /** Drops every entry. */
  clear(): void {
    this.#entries.clear();
  }

  #readStamp(): Stamp {
    const dataVersion = this.#dataVersion.get();
    const totalChanges = this.#totalChanges ? this.#totalChanges.get() : 0;
    if (dataVersion === undefined || totalChanges === undefined) throw new Error('PRAGMA data_version returned no row');
    return { dataVersion, totalChanges };
  }

  /** Drops everything when the file changed since the last look. */
  #sync(): void {
    const now = this.#readStamp();
    const before = this.#stamp;
    if (!before || now.dataVersion !== before.dataVersion || now.totalChanges !== before.totalChanges) this.#entries.clear();
    this.#stamp = now;
  }
}
