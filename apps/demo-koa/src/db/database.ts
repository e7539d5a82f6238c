import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

/** The database handle and what kind it is. */
export interface Db {
  kysely: Kysely<DB>;
  dialect: 'sqlite' | 'postgres';
}

/** Whether `url` names a PostgreSQL database. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * Opens the users database: PostgreSQL for `postgres://…` URLs, otherwise a SQLite file (WAL,
 * created with its folder if missing).
 *
 * @example
 * const db = openDatabase('data/demo.db');
 */
export function openDatabase(url: string): Db {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 3000 });
    pool.on('error', () => undefined); // idle-client errors surface on the next query instead
    return { kysely: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
  }
  if (url !== ':memory:') mkdirSync(path.dirname(url), { recursive: true });
  const database = new Database(url);
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  return { kysely: new Kysely<DB>({ dialect: new SqliteDialect({ database }) }), dialect: 'sqlite' };
}
