// What the equal-guarantee peers (peer-express.ts, peer-fastify.ts, peer-koa.ts) share: their
// arguments and temp folder, the users table read on every signed-in request, the session
// settings, the check on the user's row and the page (the demo's, see dashboard-body.ts). argv of each peer: <sqlite|redis> <redis url>.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SESSION_TIMEOUTS } from '@acme/auth-core';
import Database from 'better-sqlite3';
import { BENCH_USER } from '../constants.js';
import { dashboardBody } from './dashboard-body.js';

/** The session store a peer runs with: the same kinds the demo is measured with. */
export type PeerStore = 'sqlite' | 'redis';

/** A peer's settings, from its arguments. */
export interface PeerSetup {
  store: PeerStore;
  redisUrl: string;
  /** This process's temp folder: users.db, and sessions.db for the SQLite store. */
  dir: string;
  /** Redis key prefix, unique to this process (as the demo subject's), so runs never collide. */
  redisPrefix: string;
  /** Removes the temp folder. */
  removeDir(): void;
}

/**
 * Reads a peer's arguments (`<sqlite|redis> <redis url>`) and makes its temp folder.
 *
 * @example
 * const setup = peerSetup(process.argv.slice(2)); // { store: 'sqlite', dir: '/tmp/acme-bench-peer-…', … }
 */
export function peerSetup(argv: readonly string[]): PeerSetup {
  const dir = mkdtempSync(path.join(tmpdir(), 'acme-bench-peer-'));
  return {
    store: argv[0] === 'redis' ? 'redis' : 'sqlite',
    redisUrl: argv[1] ?? 'redis://127.0.0.1:6379',
    dir,
    redisPrefix: `acme-bench:${process.pid}:`,
    removeDir: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The session settings every peer uses, as the demo's: a signed, HttpOnly, SameSite=Lax cookie
 * (not Secure: the bench speaks plain HTTP) that expires, with its store record, after the
 * demo's idle timeout. Each peer also sets resave/saveUninitialized/rolling off where its
 * session package has them.
 *
 * @example
 * session({ secret: PEER_SESSION.secret, name: PEER_SESSION.cookieName, cookie: { maxAge: PEER_SESSION.maxAgeMs } });
 */
export const PEER_SESSION = {
  /** Signs the cookie (≥ 32 characters, as @fastify/session requires). Bench only. */
  secret: 'bench-only-peer-session-secret-'.padEnd(48, 'x'),
  cookieName: 'sid',
  maxAgeMs: SESSION_TIMEOUTS.idleMs,
} as const;

/** A row of the peers' users table. */
export interface PeerUser {
  id: string;
  username: string;
  auth_epoch: number;
  disabled: number;
}

/** The peers' users table: one SQLite file, prepared statements. */
export interface PeerUsers {
  /** The user's row by id (one prepared statement, run on every signed-in request). */
  byId(id: string): PeerUser | undefined;
  /** The user's row by name (the bench sign-in route). */
  byName(username: string): PeerUser | undefined;
  close(): void;
}

/**
 * Opens `dir/users.db` (WAL, like the demo's database), creates the users table and the user
 * `bench` (id `u1`), and prepares the lookups.
 *
 * @example
 * const users = openUsers(setup.dir);
 * users.byId('u1'); // { id: 'u1', username: 'bench', auth_epoch: 0, disabled: 0 }
 */
export function openUsers(dir: string): PeerUsers {
  const database = new Database(path.join(dir, 'users.db'));
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.exec('CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, auth_epoch INTEGER NOT NULL, disabled INTEGER NOT NULL)');
  database.prepare('INSERT INTO users (id, username, auth_epoch, disabled) VALUES (?, ?, 0, 0)').run('u1', BENCH_USER);
  const byId = database.prepare<[string], PeerUser>('SELECT id, username, auth_epoch, disabled FROM users WHERE id = ?');
  const byName = database.prepare<[string], PeerUser>('SELECT id, username, auth_epoch, disabled FROM users WHERE username = ?');
  return { byId: (id) => byId.get(id), byName: (username) => byName.get(username), close: () => database.close() };
}

/**
 * Whether the session may still act as `user`: the user exists, is not disabled, and no
 * password change or "log out everywhere" has moved their `auth_epoch` since the session began.
 *
 * @example
 * if (!userMayStay(users.byId(session.userId), session.authEpoch)) redirect('/login');
 */
export function userMayStay(user: PeerUser | undefined, sessionEpoch: unknown): user is PeerUser {
  return user !== undefined && user.disabled === 0 && user.auth_epoch === sessionEpoch;
}

const page = dashboardBody();

/**
 * The signed-in page: the same body as the demo's dashboard (see dashboard-body.ts), with the
 * session's CSRF token in its logout form.
 *
 * @example
 * dashboardPage('bench', session.csrfToken); // '<!doctype html>…Hello, bench…'
 */
export function dashboardPage(username: string, csrfToken: string): string {
  return page(username, csrfToken);
}

/**
 * A new CSRF token for a peer's session (32 random bytes, base64url, as the demo's): the peers
 * keep one in the session from sign-in on, for the logout form of the page.
 *
 * @example
 * ctx.session.csrfToken = newCsrfToken();
 */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}
