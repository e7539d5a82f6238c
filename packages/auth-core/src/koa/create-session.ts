import assert from 'node:assert/strict';
import type Koa from 'koa';
import compose from 'koa-compose';
import koaSession from 'koa-session';
import { SESSION_TIMEOUTS } from '../config/defaults.js';
import { setAuthClock } from './clock.js';
import { checkSessionConfig } from '../session/config-check.js';
import { CookieSigner } from '../session/cookie-signer.js';
import { toKoaSessionStore } from './koa-store.js';
import type { SessionStore } from '../session/types.js';

/** Options of {@link createSession}. */
export interface CreateSessionOptions {
  /** Where sessions live. Required: auth-core never keeps session data in the cookie. */
  store: SessionStore | undefined;
  /** Cookie signing keys, newest first (sets `app.keys` to a `CookieSigner` of them); older keys still verify. Default: `app.keys`. */
  keys?: readonly string[] | undefined;
  /** Production rules apply (see `checkSessionConfig`). Default: `NODE_ENV === 'production'`. */
  production?: boolean | undefined;
  /** Secure cookies (HTTPS only). Default: `production`. */
  secure?: boolean | undefined;
  /** Cookie name. Default: `__Host-sid` when secure, `sid` otherwise. */
  cookieName?: string | undefined;
  /** Idle timeout in ms. Default 30 minutes. */
  idleMs?: number | undefined;
  /** Absolute timeout in ms. Default 12 hours. */
  absoluteMs?: number | undefined;
  /** SameSite attribute. Default `'lax'` (top-level navigation from links keeps you signed in). */
  sameSite?: 'lax' | 'strict' | undefined;
  /** Clock in ms since epoch; inject a fake one in tests. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/** Thrown by {@link createSession} when the configuration is unsafe; lists every problem. */
export class UnsafeSessionConfigError extends Error {
  /** Always `'UnsafeSessionConfigError'`. */
  override name = 'UnsafeSessionConfigError';
  /** One sentence per problem, each saying what to fix. */
  readonly problems: readonly string[];

  /** Builds the error from the problem list. */
  constructor(problems: readonly string[]) {
    super(`Unsafe session configuration:\n- ${problems.join('\n- ')}`);
    this.problems = problems;
  }
}

/**
 * Sets up server-side sessions with koa-session: the cookie holds only a random 256-bit id
 * (signed, HttpOnly, SameSite=Lax, `__Host-sid` when Secure), the data lives in `store` under the
 * id's SHA-256 digest, idle and absolute timeouts are enforced on the server, unknown or forged
 * ids are never adopted, and a store outage is a 503. Throws {@link UnsafeSessionConfigError}
 * when there is no store or no key, and in production on any unsafe setting.
 *
 * @example
 * const store = new SqliteSessionStore({ filename: 'data/sessions.db' });
 * app.use(createSession(app, { store, keys: process.env.SESSION_KEYS!.split(',') }));
 */
export function createSession(app: Koa, options: CreateSessionOptions): Koa.Middleware {
  assert(typeof app.use === 'function', 'createSession(app, options): app must be a Koa application');
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const secure = options.secure ?? production;
  const cookieName = options.cookieName ?? (secure ? '__Host-sid' : 'sid');
  const keys = options.keys ?? (Array.isArray(app.keys) ? app.keys : app.keys instanceof CookieSigner ? app.keys.keys : undefined);
  const idleMs = options.idleMs ?? SESSION_TIMEOUTS.idleMs;
  const absoluteMs = options.absoluteMs ?? SESSION_TIMEOUTS.absoluteMs;
  const problems = checkSessionConfig({ store: options.store, keys, secure, cookieName }, { production });
  if (problems.length > 0 || !options.store) throw new UnsafeSessionConfigError(problems);
  assert(idleMs > 0 && absoluteMs >= idleMs, 'idleMs must be positive and absoluteMs at least idleMs');
  // Koa's cookies sign and check with app.keys: a CookieSigner does it as Keygrip would, without
  // building a Keygrip on every request or tsscmp's extra HMACs (see cookie-signer.ts).
  app.keys = new CookieSigner(keys ?? []);
  const now = options.now ?? Date.now;
  setAuthClock(app, now);
  // Requests whose session ended while they ran (logged out or revoked elsewhere): nothing was
  // written back, and their response tells the browser to drop the dead id.
  const ended = new WeakSet<object>();
  const store = toKoaSessionStore(options.store, { now, idleMs, absoluteMs, onEnded: (ctx) => ended.add(ctx) });
  const cookie = { httpOnly: true, signed: true, secure, sameSite: options.sameSite ?? 'lax', overwrite: true } as const;
  const sessionMiddleware = koaSession(
    {
      key: cookieName,
      maxAge: idleMs,
      // Not `rolling`: that rewrites the record on every request. Instead the record (and the
      // cookie) are refreshed when `lastSeenAt` is older than `touchMs`, below.
      rolling: false,
      ...cookie,
      store,
      // New ids come from the adapter, which creates them (insert-only) and only updates others.
      genid: (ctx: Koa.Context) => store.genid(ctx),
    },
    app,
  );
  // Refreshing at least every minute (and at least twice per idle period) keeps an active
  // session's record and cookie alive, while idle time is still measured from the last refresh.
  const touchMs = Math.min(60_000, idleMs / 2);
  // Three middlewares rather than one wrapping koa-session with a callback: a closure over `ctx`
  // made on every request costs more than a step of the chain (see `pnpm bench`).
  const chain: Koa.Middleware[] = [
    async function dropEndedCookie(ctx, next) {
      await next();
      if (ended.has(ctx)) ctx.cookies.set(cookieName, '', { ...cookie, expires: new Date(0) });
    },
    sessionMiddleware,
    async function touchSession(ctx, next) {
      const current = ctx.session;
      if (current && !current.isNew) {
        const last = current.lastSeenAt;
        if (typeof last !== 'number' || now() - last >= touchMs) current.lastSeenAt = now();
      }
      await next();
    },
  ];
  return compose(chain);
}
