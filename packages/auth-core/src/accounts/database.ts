import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
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

/**
 * Opens an app's database: PostgreSQL for `postgres://…` URLs (a pool of 10, 3 s connect
 * timeout), otherwise a SQLite file (WAL, busy timeout, foreign keys; created with its folder if
 * missing) or `:memory:`.
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
  return { kysely: new Kysely<Schema>({ dialect: new SqliteDialect({ database }) }), dialect: 'sqlite' };
}
