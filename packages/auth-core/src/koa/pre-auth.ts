import assert from 'node:assert/strict';
import type Koa from 'koa';
import { authNow } from './clock.js';
import type { KoaSession } from './context.js';

/** JSON a pre-auth record may carry. */
export type PreAuthData = Readonly<Record<string, string | number | boolean>>;

/** The shape kept in the session under `preAuth`. */
interface StoredPreAuth {
  kind: string;
  data: Record<string, unknown>;
  expiresAt: number;
}

function isStoredPreAuth(value: unknown): value is StoredPreAuth {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.kind === 'string' && typeof v.expiresAt === 'number' && typeof v.data === 'object' && v.data !== null;
}

/**
 * Starts a pre-auth record: state for a visitor who is not signed in, such as a followed reset
 * link (the token leaves the URL at once) or a right password whose second factor is pending. It
 * lives in the session store under a NEW session id (the old record, signed in or not, is
 * destroyed, so a fixated id is worthless), carries no `userId` (so `loadUser`, `loginRequired`
 * and the CSRF check treat the visitor as anonymous: it opens no protected route), and expires on
 * its own after `ttlMs`, well before the session's idle timeout.
 *
 * @example
 * await startPreAuth(ctx, 'password-reset', { digest }, 15 * 60_000);
 * ctx.redirect('/password/reset');
 */
export async function startPreAuth(ctx: Koa.Context, kind: string, data: PreAuthData, ttlMs: number): Promise<void> {
  const session = ctx.session;
  assert(session, 'auth-core: no session on ctx; use createSession() before startPreAuth');
  assert(ttlMs > 0, 'startPreAuth: ttlMs must be positive');
  for (const key of Object.keys(session.toJSON())) delete session[key];
  session.preAuth = { kind, data: { ...data }, expiresAt: authNow(ctx) + ttlMs } satisfies StoredPreAuth;
  await session.regenerate();
}

/**
 * The data of the live pre-auth record of `kind`, or `undefined` when there is none, it is of
 * another kind, or it has expired (an expired record is dropped). Never throws on what the store
 * holds.
 *
 * @example
 * const pending = readPreAuth(ctx, 'password-reset');
 * if (!pending) return ctx.redirect('/password/forgot');
 */
export function readPreAuth(ctx: Koa.Context, kind: string): Readonly<Record<string, unknown>> | undefined {
  const session: KoaSession | null = ctx.session;
  const record = session?.preAuth;
  if (!session || !isStoredPreAuth(record) || record.kind !== kind || typeof session.userId === 'string') return undefined;
  if (authNow(ctx) >= record.expiresAt) {
    ctx.session = null;
    return undefined;
  }
  return record.data;
}

/**
 * Ends the pre-auth record (and its session record on the server) once its flow has finished or
 * failed for good.
 *
 * @example
 * endPreAuth(ctx);
 * ctx.redirect('/login');
 */
export function endPreAuth(ctx: Koa.Context): void {
  if (ctx.session && typeof ctx.session.userId !== 'string') ctx.session = null;
}
