// The peers' SQLite session table, under both their store adapters (peer-stores.ts for
// express-session and @fastify/session, peer-koa-store.ts for koa-session): one better-sqlite3
// file in WAL mode, as the demo's session file, prepared statements, JSON data, an expiry column.
import Database from 'better-sqlite3';

/** A session table: data by id, live until its expiry time (ms since epoch). */
export interface SessionTable {
  /** The record's JSON, or undefined when it is missing or expired. */
  get(id: string): string | undefined;
  /** Inserts or replaces the record. */
  set(id: string, json: string, expiresAt: number): void;
  /** Moves a live record's expiry. */
  touch(id: string, expiresAt: number): void;
  destroy(id: string): void;
  close(): void;
}

/**
 * Opens (and creates) the session table in `filename`.
 *
 * @example
 * const table = openSessionTable(path.join(dir, 'sessions.db'));
 * table.set('id', '{"userId":"u1"}', Date.now() + 60_000);
 */
export function openSessionTable(filename: string): SessionTable {
  const database = new Database(filename);
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.exec('CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, data TEXT NOT NULL, expires_at INTEGER NOT NULL)');
  const get = database.prepare<[string, number], { data: string }>('SELECT data FROM sessions WHERE id = ? AND expires_at > ?');
  const set = database.prepare<[string, string, number]>(
    'INSERT INTO sessions (id, data, expires_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at',
  );
  const touch = database.prepare<[number, string, number]>('UPDATE sessions SET expires_at = ? WHERE id = ? AND expires_at > ?');
  const destroy = database.prepare<[string]>('DELETE FROM sessions WHERE id = ?');
  return {
    get: (id) => get.get(id, Date.now())?.data,
    set: (id, json, expiresAt) => void set.run(id, json, expiresAt),
    touch: (id, expiresAt) => void touch.run(expiresAt, id, Date.now()),
    destroy: (id) => void destroy.run(id),
    close: () => database.close(),
  };
}
