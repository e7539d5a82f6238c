// The session stores of the Express and Fastify peers: express-session's store interface, which
// @fastify/session takes as is. Redis: connect-redis 9 on the `redis` client, as its docs set it
// up. SQLite: a small Store subclass over better-sqlite3, written here because no maintained
// package fits: better-sqlite3-session-store (the one on better-sqlite3) is GPL-3.0-only, was
// built against better-sqlite3 7 and prepares its SQL again on every call; connect-sqlite3 (in
// passport's own example) runs on the `sqlite3` driver, not better-sqlite3 like the demo.
import path from 'node:path';
import { RedisStore } from 'connect-redis';
import session from 'express-session';
import { createClient } from 'redis';
import { PEER_SESSION, type PeerSetup } from './peer-common.js';
import { openSessionTable, type SessionTable } from './peer-session-table.js';

type Done = (err?: unknown) => void;

/** When a session expires: its cookie's expiry (express-session sets it from maxAge), or maxAge from now. */
function expiresAt(data: session.SessionData): number {
  const expires = data.cookie.expires;
  return expires ? new Date(expires).getTime() : Date.now() + PEER_SESSION.maxAgeMs;
}

/**
 * An express-session store on the peers' SQLite session table: get, set, touch (what
 * express-session calls on an unchanged session when resave is off) and destroy, synchronous
 * prepared statements answered through the callbacks.
 *
 * @example
 * app.use(session({ store: new SqliteExpressStore(path.join(dir, 'sessions.db')), resave: false, saveUninitialized: false, secret }));
 */
export class SqliteExpressStore extends session.Store {
  readonly #table: SessionTable;

  /** Opens (and creates) the session table in `filename`. */
  constructor(filename: string) {
    super();
    this.#table = openSessionTable(filename);
  }

  /** The session's data, or null when it is missing or expired. */
  override get(sid: string, callback: (err: unknown, data?: session.SessionData | null) => void): void {
    let data: session.SessionData | null;
    try {
      const json = this.#table.get(sid);
      data = json === undefined ? null : (JSON.parse(json) as session.SessionData);
    } catch (error) {
      callback(error);
      return;
    }
    callback(null, data);
  }

  /** Writes the session with its expiry. */
  override set(sid: string, data: session.SessionData, callback: Done = () => undefined): void {
    this.#answer(() => this.#table.set(sid, JSON.stringify(data), expiresAt(data)), callback);
  }

  /** Moves the session's expiry (express-session touches an unchanged session on every request). */
  override touch(sid: string, data: session.SessionData, callback: Done = () => undefined): void {
    this.#answer(() => this.#table.touch(sid, expiresAt(data)), callback);
  }

  /** Deletes the session. */
  override destroy(sid: string, callback: Done = () => undefined): void {
    this.#answer(() => this.#table.destroy(sid), callback);
  }

  /** Closes the database. */
  close(): void {
    this.#table.close();
  }

  #answer(write: () => void, callback: Done): void {
    try {
      write();
    } catch (error) {
      callback(error);
      return;
    }
    callback();
  }
}

/** A session store and how to close it. */
export interface OpenedStore {
  store: session.Store;
  close(): Promise<void>;
}

/**
 * The express-session store for `setup.store`: SQLite in `setup.dir/sessions.db`, or connect-redis
 * on a connected `redis` client under this process's prefix. Rejects when Redis is unreachable.
 *
 * @example
 * const { store, close } = await openExpressStore(peerSetup(process.argv.slice(2)));
 */
export async function openExpressStore(setup: PeerSetup): Promise<OpenedStore> {
  if (setup.store === 'sqlite') {
    const store = new SqliteExpressStore(path.join(setup.dir, 'sessions.db'));
    return { store, close: () => Promise.resolve(store.close()) };
  }
  // Retries as the demo's client does, but gives up (and the subject fails) after ten tries.
  const client = createClient({ url: setup.redisUrl, socket: { reconnectStrategy: (retries) => (retries < 10 ? Math.min(retries * 100, 2000) : new Error(`Redis at ${setup.redisUrl} is unreachable`)) } });
  client.on('error', () => undefined); // surfaces through connect() and the store's callbacks
  await client.connect();
  return { store: new RedisStore({ client, prefix: `${setup.redisPrefix}sess:` }), close: () => client.close() };
}
