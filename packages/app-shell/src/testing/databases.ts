import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** The PostgreSQL server tests use: TEST_DATABASE_URL, or the local default (trust auth, database `test`). */
export const testPostgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A database made for one test run, and how to get rid of it. */
export interface FreshDatabase {
  /** Its URL, for `DATABASE_URL` or `openDatabase`. */
  url: string;
  /** Drops it: PostgreSQL with FORCE, so open pools do not block the drop; SQLite by removing its folder. */
  drop(): Promise<void>;
}

/**
 * Creates a SQLite file in a new temporary folder and returns its path as the URL, and a function
 * that removes the folder. For tests that must take the path an app takes on a file (the default
 * deployment) rather than `:memory:`, such as `prepareLookup`'s read-only second connection.
 *
 * @example
 * const db = await freshSqliteDatabase();
 * try { … openDatabase(db.url) … } finally { await db.drop(); }
 */
export async function freshSqliteDatabase(): Promise<FreshDatabase> {
  const dir = await mkdtemp(path.join(tmpdir(), 'auth-test-sqlite-'));
  return { url: path.join(dir, 'app.db'), drop: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Creates a fresh, uniquely named database on the PostgreSQL server at `serverUrl` and returns
 * its URL and a function that drops it. Fails with a message that says how to start PostgreSQL
 * when the server cannot be reached, so tests that exist to prove something on PostgreSQL fail
 * loudly instead of passing nothing.
 *
 * @example
 * const db = await freshPostgresDatabase(testPostgresUrl);
 * try { … } finally { await db.drop(); }
 */
export async function freshPostgresDatabase(serverUrl: string = testPostgresUrl): Promise<FreshDatabase> {
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${serverUrl} (start it, or set TEST_DATABASE_URL)`, { cause: error });
  }
  const name = `auth_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  await admin.query(`CREATE DATABASE ${name}`); // a generated identifier, not input
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
