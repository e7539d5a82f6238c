import assert from 'node:assert/strict';
import type Koa from 'koa';
import type { KoaSession } from './context.js';
import { authNow } from './clock.js';
import { rotateCsrfToken } from './csrf.js';

/** What `login` needs to know of a user. */
export interface LoginUser {
  /** The user's id. */
  id: string;
  /** The user's current `authEpoch`. */
  authEpoch: number;
}

const MAX_USER_AGENT = 256;

function sessionOf(ctx: Koa.Context): KoaSession {
  const session = ctx.session;
  assert(session, 'auth-core: no session on ctx; use createSession() before login/logout');
  return session;
}

/**
 * Signs `user` in: moves the session to a new id (the old record is destroyed, so a fixated id
 * is worthless), drops everything the anonymous session held, records `userId`, `authAt`,
 * `authEpoch`, `createdAt`, the browser and IP (for "your sessions"), and issues a new CSRF token.
 * The TypeScript form of Flask's `session['user_id'] = user.id`, done safely.
 *
 * @example
 * if (ok) {
 *   await login(ctx, user);
 *   ctx.redirect(safeNext(ctx.request.body.next));
 * }
 */
export async function login(ctx: Koa.Context, user: LoginUser): Promise<void> {
  const session = sessionOf(ctx);
  for (const key of Object.keys(session.toJSON())) delete session[key];
  const now = authNow(ctx);
  session.userId = user.id;
  session.authEpoch = user.authEpoch;
  session.authAt = now;
  session.createdAt = now;
  session.userAgent = ctx.get('user-agent').slice(0, MAX_USER_AGENT);
  session.ip = ctx.ip;
  rotateCsrfToken(session);
  await session.regenerate();
}

/**
 * Keeps the user signed in after a password change, on a new session id with a new CSRF token and
 * the user's new `authEpoch` (which ends every other session on the next request they make).
 * Delete the user's stored sessions first (`destroyByUser`) so "your sessions" shows only this
 * one at once: the new id is created after that, and the old one is never written back.
 *
 * @example
 * const updated = await users.changePassword(user.id, hash); // also bumps authEpoch
 * await sessions.destroyByUser(user.id);
 * await rotateAfterPasswordChange(ctx, updated);
 */
export async function rotateAfterPasswordChange(ctx: Koa.Context, user: LoginUser): Promise<void> {
  const session = sessionOf(ctx);
  assert.equal(session.userId, user.id, 'rotateAfterPasswordChange: the session belongs to another user');
  session.authEpoch = user.authEpoch;
  session.authAt = authNow(ctx);
  rotateCsrfToken(session);
  await session.regenerate();
}

/**
 * Signs out: destroys the session record on the server, expires the cookie, and asks the browser
 * to drop cached pages and storage (`Clear-Site-Data`). Use it from a POST route only.
 *
 * @example
 * router.post('/logout', async (ctx) => { logout(ctx); ctx.redirect('/'); });
 */
export function logout(ctx: Koa.Context): void {
  ctx.session = null;
  ctx.set('Clear-Site-Data', '"cache", "storage"');
}
