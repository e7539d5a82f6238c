import type Koa from 'koa';
import compose from 'koa-compose';
import type { SessionStore } from '../session/types.js';
import { createSession } from './create-session.js';
import { csrfProtection } from './csrf.js';
import { noStore, securityHeaders } from './headers.js';
import { loadUser, type SessionUser } from './load-user.js';
import { requestBody } from './request-body.js';

/** Options of {@link securityChain}. */
export interface SecurityChainOptions<U extends SessionUser = SessionUser> {
  /** SESSION_KEYS, newest first: they sign the session cookie and the anonymous CSRF tokens. */
  keys: readonly string[];
  /** Where sessions live (the cookie holds only a random id). */
  store: SessionStore;
  /**
   * Production: `__Host-` cookies marked Secure, `upgrade-insecure-requests` in the CSP, the
   * session config checked strictly. Default false.
   */
  production?: boolean | undefined;
  /** Secure (HTTPS-only) cookies, and exact origins only (no loopback aliases). Default: `production`. */
  secure?: boolean | undefined;
  /** The app's own origin(s), the only ones allowed to post (CSRF), e.g. `'https://app.example'`. */
  appOrigin: string | readonly string[];
  /** Looks the signed-in user up by id (`undefined` when deleted); the result is `ctx.state.user`. */
  findUser: (id: string) => Promise<U | undefined>;
  /** Clock in ms since epoch (session timeouts); inject a fake one in tests. Default `Date.now`. */
  now?: (() => number) | undefined;
  /** Largest form or JSON body after decompression. Default `'16kb'`. */
  bodyLimit?: string | undefined;
  /**
   * Static files, served after the security headers and before `no-store`, the body parser and the
   * session: a stylesheet gets the headers, may be cached, and costs no session lookup.
   */
  publicFiles?: readonly Koa.Middleware[] | undefined;
}

/**
 * The request chain every app runs, as one middleware, in DESIGN.md's order: security headers →
 * (public files) → `no-store` → body parser (small limits) → session (koa-session, external store,
 * no session for anonymous visitors) → CSRF check on unsafe methods → load user. Mount it right
 * after the error handler, so error pages get the headers too, and before the router. The order
 * is written only here: apps, the app shell, the tests and the tutorial all use this function.
 *
 * @example
 * app.use(errorHandler);
 * app.use(securityChain(app, { keys, store, appOrigin: 'https://app.example', findUser: (id) => users.findById(id) }));
 * app.use(router.routes());
 */
export function securityChain<U extends SessionUser>(app: Koa, options: SecurityChainOptions<U>): Koa.Middleware {
  const production = options.production ?? false;
  const secure = options.secure ?? production;
  const allowedOrigins = typeof options.appOrigin === 'string' ? [options.appOrigin] : [...options.appOrigin];
  // #region chain
  return compose([
    securityHeaders({ upgradeInsecureRequests: production }),
    ...(options.publicFiles ?? []),
    noStore(),
    requestBody({ limit: options.bodyLimit ?? '16kb' }),
    createSession(app, { store: options.store, keys: options.keys, production, secure, now: options.now }),
    csrfProtection({ allowedOrigins, keys: options.keys, secure, loopbackAliases: !secure }),
    loadUser({ findUser: options.findUser }),
  ]);
  // #endregion chain
}
