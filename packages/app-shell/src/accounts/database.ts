import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteReadCache, type SqliteReadCacheOptions } from '@acme/auth-core/stores/sqlite';
import { Kysely, PostgresDialect, SqliteDialect, type Compilable, type SqliteDatabase } from 'kysely';
import pg from 'pg';

/** A database handle and what kind it is. */
export interface Db<Schema> {
  /** The query builder. */
  kysely: Kysely<Schema>;
  /** Which database it talks to. */
  dialect: 'sqlite' | 'postgres';
}

/**
 * Whether `url` names a PostgreSQL database.
 *
 * @example
 * isPostgresUrl('postgres://localhost/app'); // true
 */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** Most distinct SQL texts kept prepared; past it the cache starts over. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * A better-sqlite3 database whose `prepare` keeps each statement for reuse. kysely's SQLite driver
 * prepares (parses and plans) every query it runs, which was most of a user lookup's cost: the
 * signed-in request looks its user up every time, so that revocation (`authEpoch`, disabled) is
 * never stale. Reuse is safe because kysely runs one query at a time on its one SQLite
 * connection (a mutex), so a statement is never used by two queries at once; SQLite re-prepares
 * a statement by itself after a schema change. Only the SQL text is the key: values are always
 * bound parameters.
 */
function reusingStatements(database: Database.Database, onClose: () => void): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => {
      onClose();
      database.close();
    },
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
        statement = database.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/** The read-only second connection of each SQLite file `openDatabase` opened, by its kysely instance (opened on first use). */
const readers = new WeakMap<object, () => Database.Database>();

/** Stands for the lookup's value while kysely compiles the query once. */
const VALUE = '\u0000lookup-value';

/** Options of {@link prepareLookup}. */
export interface LookupOptions {
  /**
   * On a SQLite file, keep the rows read in memory, each checked against the file's change
   * counters before use (`SqliteReadCache` from `@acme/auth-core/stores/sqlite`): any commit to the
   * file, by this process or another, empties the cache before the next lookup, so a row is never
   * staler than a read from the file would be. Only rows of primitive values can be cached this way
   * (the cache hands out the same frozen row). Default: no cache.
   */
  cache?: false | SqliteReadCacheOptions | undefined;
}

/**
 * Compiles a read of at most one row by one value once, and returns the function that runs it
 * with each new value. kysely still writes the SQL; what is skipped is building and compiling the
 * query on every call, and on a SQLite file kysely's driver too: the query runs on a second,
 * read-only better-sqlite3 connection of the same file. Why: `loadUser` reads the user on every
 * signed-in request (so that revocation is never stale), and through kysely's builder and driver
 * that read cost the signed-in route about a seventh of its throughput (`pnpm bench`). The second
 * connection reads committed rows only (WAL), so it never sees a kysely transaction that is still
 * open, and it never waits for one; a write that has returned is seen by the next lookup. It is
 * closed with the database (`db.kysely.destroy()`). On PostgreSQL and on `:memory:` (a second
 * connection would open another database) the compiled query runs through kysely, uncached.
 *
 * With `cache`, rows read on the second connection are kept (see {@link LookupOptions.cache}).
 * Every write of the app goes through kysely's connection, which is *another* connection to the
 * reader, so the reader's `data_version` moves on the app's own commits as on other processes'.
 *
 * @example
 * const findById = prepareLookup(db.kysely, (k, id) => k.selectFrom('users').selectAll().where('id', '=', id));
 * const row = await findById(userId);
 */
export function prepareLookup<Schema, Row extends object>(
  kysely: Kysely<Schema>,
  query: (db: Kysely<Schema>, value: string) => Compilable<Row>,
  options: LookupOptions = {},
): (value: string) => Promise<Row | undefined> {
  const compiled = query(kysely, VALUE).compile();
  if (compiled.parameters.filter((p) => p === VALUE).length !== 1) throw new TypeError('prepareLookup: the query must use its value exactly once, as a parameter');
  const bind = (value: string) => compiled.parameters.map((p) => (p === VALUE ? value : p));
  const reader = readers.get(kysely);
  if (!reader) return async (value) => (await kysely.executeQuery<Row>({ ...compiled, parameters: bind(value) })).rows[0];
  let statement: Database.Statement<unknown[], Row> | undefined;
  let cache: SqliteReadCache<Row> | undefined;
  const load = (value: string): Row | undefined => {
    statement ??= reader().prepare<unknown[], Row>(compiled.sql);
    const row = statement.get(...bind(value));
    return row && Object.freeze(row);
  };
  const cacheOptions = options.cache === false ? undefined : options.cache;
  return (value) => {
    try {
      if (!cacheOptions) return Promise.resolve(load(value));
      cache ??= new SqliteReadCache<Row>(reader(), cacheOptions);
      return Promise.resolve(cache.read(value, () => load(value)));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
}

/**
 * Opens an app's database: PostgreSQL for `postgres://…` URLs (a pool of 10, 3 s connect
 * timeout), otherwise a SQLite file (WAL, busy timeout, foreign keys; created with its folder if
 * missing) or `:memory:`, with prepared statements reused. A SQLite file also gets a read-only
 * second connection, opened on first use by {@link prepareLookup} and closed with the database.
 *
 * @example
 * const db = openDatabase<AccountsSchema>('data/app.db');
 */
export function openDatabase<Schema>(url: string): Db<Schema> {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 3000 });
    pool.on('error', () => undefined); // idle-client errors surface on the next query instead
    return { kysely: new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
  }
  if (url !== ':memory:') mkdirSync(path.dirname(url), { recursive: true });
  const database = new Database(url);
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  let reader: Database.Database | undefined;
  const kysely = new Kysely<Schema>({ dialect: new SqliteDialect({ database: reusingStatements(database, () => reader?.close()) }) });
  if (url !== ':memory:') {
    const file = path.resolve(url); // the reader opens later: a change of working directory must not move it
    readers.set(kysely, () => {
      if (!database.open) throw new TypeError('The database is closed.');
      if (!reader) {
        reader = new Database(file, { readonly: true, fileMustExist: true });
        reader.pragma('busy_timeout = 5000');
      }
      return reader;
    });
  }
  return { kysely, dialect: 'sqlite' };
}
