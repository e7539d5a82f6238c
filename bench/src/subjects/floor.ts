// Subject: the floor of any signed-in route under the template's rules, written by hand on bare
// Koa. It does only what a signed-in request cannot skip, each step in its cheapest form:
//   1. auth-core's security headers and `Cache-Control: no-store`;
//   2. the session cookie and its HMAC-SHA1 signature (as Koa's cookies sign), compared in constant time;
//   3. the id's SHA-256 digest and the session record from auth-core's SQLite store;
//   4. the idle and absolute timeouts;
//   5. the user's row (one prepared statement, no query builder) and its `authEpoch` and `disabled`;
//   6. the demo's dashboard page (the same bytes, see dashboard-body.ts), the user's name escaped
//      and the session's CSRF token filled into it by string concatenation.
// No koa-session, router, body parser, CSRF check, query builder or template engine at request time. The harness
// compares it with the bare Koa route: no implementation of the demo's request flow can beat
// this ratio, so it shows how far any target on that ratio can be reached on the machine.
// Prints `COOKIE <cookie header>` (a signed-in session it created) before `READY <port>`.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { digestSessionId, generateSessionId, SESSION_TIMEOUTS } from '@acme/auth-core';
import { noStore, securityHeaders } from '@acme/auth-core/koa';
import { SqliteSessionStore } from '@acme/auth-core/stores/sqlite';
import Database from 'better-sqlite3';
import Koa from 'koa';
import { dashboardBody } from './dashboard-body.js';
import { announce, koaHandler } from './serve.js';

const KEY = 'bench-only-key-'.padEnd(48, 'x');
const COOKIE = 'sid';

interface UserRow {
  username: string;
  auth_epoch: number;
  disabled: number;
}

const dir = mkdtempSync(path.join(tmpdir(), 'acme-bench-floor-'));
const database = new Database(path.join(dir, 'floor.db'));
// No read cache: the floor keeps its definition, every request reads the session and the user from the file.
const sessions = new SqliteSessionStore({ database, cache: false });
database.exec('CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT NOT NULL, auth_epoch INTEGER NOT NULL, disabled INTEGER NOT NULL)');
database.prepare('INSERT INTO users VALUES (?, ?, 0, 0)').run('u1', 'bench');
const page = dashboardBody();
const findUser = database.prepare<[string], UserRow>('SELECT username, auth_epoch, disabled FROM users WHERE id = ?');

function sign(value: string): string {
  return createHmac('sha1', KEY).update(`${COOKIE}=${value}`).digest('base64url');
}

function signatureHolds(value: string, signature: string): boolean {
  const expected = Buffer.from(sign(value));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The signed-in user's name and the session's CSRF token, or undefined when any check fails. */
async function signedInUser(ctx: Koa.Context): Promise<{ username: string; csrfToken: string } | undefined> {
  const id = ctx.cookies.get(COOKIE, { signed: false });
  const signature = ctx.cookies.get(`${COOKIE}.sig`, { signed: false });
  if (!id || !signature || !signatureHolds(id, signature)) return undefined;
  const record = await sessions.get(digestSessionId(id));
  const now = Date.now();
  if (!record || typeof record.createdAt !== 'number' || typeof record.lastSeenAt !== 'number' || typeof record.userId !== 'string') return undefined;
  if (now - record.createdAt >= SESSION_TIMEOUTS.absoluteMs || now - record.lastSeenAt >= SESSION_TIMEOUTS.idleMs) return undefined;
  const user = findUser.get(record.userId);
  if (!user || user.disabled !== 0 || user.auth_epoch !== record.authEpoch) return undefined;
  return { username: user.username, csrfToken: typeof record.csrfToken === 'string' ? record.csrfToken : '' };
}

const app = new Koa();
app.use(securityHeaders());
app.use(noStore());
app.use(async (ctx) => {
  if (ctx.path !== '/dashboard') return;
  const signedIn = await signedInUser(ctx);
  if (signedIn === undefined) {
    ctx.redirect('/login');
    return;
  }
  ctx.type = 'html';
  ctx.body = page(signedIn.username, signedIn.csrfToken);
});

const id = generateSessionId();
const created = Date.now();
await sessions.create(digestSessionId(id), { userId: 'u1', authEpoch: 0, createdAt: created, lastSeenAt: created, csrfToken: randomBytes(32).toString('base64url') }, SESSION_TIMEOUTS.idleMs);
process.stdout.write(`COOKIE ${COOKIE}=${id}; ${COOKIE}.sig=${sign(id)}\n`);
announce(http.createServer(koaHandler(app)), async () => {
  await sessions.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
});
