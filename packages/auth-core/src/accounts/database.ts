import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
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
function reusingStatements(database: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
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

/**
 * Opens an app's database: PostgreSQL for `postgres://…` URLs (a pool of 10, 3 s connect
 * timeout), otherwise a SQLite file (WAL, busy timeout, foreign keys; created with its folder if
 * missing) or `:memory:`, with prepared statements reused.
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
  return { kysely: new Kysely<Schema>({ dialect: new SqliteDialect({ database: reusingStatements(database) }) }), dialect: 'sqlite' };
}
