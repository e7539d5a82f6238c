import type Koa from 'koa';
import type { SessionUser } from '../session/load-user.js';
import { authNow } from './clock.js';
import { safeNext } from './safe-next.js';

/** Options of {@link loginRequired}. */
export interface LoginRequiredOptions {
  /** Where anonymous visitors are sent. Default `/login`. */
  loginPath?: string;
  /** Extra authorization: return false to answer 403 (e.g. a role check). */
  can?: (user: SessionUser, ctx: Koa.Context) => boolean | Promise<boolean>;
  /** Demand a password entry within this many ms (for sensitive pages); older sign-ins re-login. */
  fresh?: number;
}

/** True when the client asked for JSON rather than a page. */
export function wantsJson(ctx: Koa.Context): boolean {
  return ctx.get('x-requested-with').toLowerCase() === 'xmlhttprequest' || ctx.accepts('html', 'json') === 'json';
}

function deny(ctx: Koa.Context, loginPath: string): void {
  ctx.set('Cache-Control', 'no-store');
  if (wantsJson(ctx)) {
    ctx.status = 401;
    ctx.body = { error: 'authentication_required', message: 'Sign in to continue.' };
    return;
  }
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
    ctx.throw(401, 'Sign in to continue.');
  }
  ctx.redirect(`${loginPath}?next=${encodeURIComponent(safeNext(ctx.originalUrl, '/'))}`);
}

/**
 * Guards a route: anonymous page requests are redirected to the login page with a safe `next`,
 * requests that want JSON get 401, other anonymous writes 401; `can` failing gives 403; with
 * `fresh`, a sign-in older than that many ms must sign in again. The TypeScript form of Flask's
 * `@login_required`. Needs `loadUser` earlier in the chain.
 *
 * @example
 * router.get('/dashboard', loginRequired(), dashboard);
 * router.get('/admin', loginRequired({ can: (user) => isAdmin(user) }), admin);
 */
export function loginRequired(options: LoginRequiredOptions = {}): Koa.Middleware {
  const loginPath = options.loginPath ?? '/login';
  const { can, fresh } = options;
  return async function loginRequiredGuard(ctx, next) {
    const user = ctx.state.user;
    if (!user) return deny(ctx, loginPath);
    if (fresh !== undefined) {
      const authAt = ctx.session?.authAt;
      if (typeof authAt !== 'number' || authNow(ctx) - authAt > fresh) return deny(ctx, loginPath);
    }
    if (can && !(await can(user, ctx))) ctx.throw(403, 'You do not have access to this page.');
    ctx.set('Cache-Control', 'no-store');
    await next();
  };
}

/** Options of {@link requireAuthentication}. */
export interface RequireAuthenticationOptions extends LoginRequiredOptions {
  /** Paths anyone may see: exact strings, or regular expressions. */
  allow: readonly (string | RegExp)[];
}

/**
 * Protects every route except an allow-list (like Rails' `require_authentication` with
 * `allow_unauthenticated_access`): safer than remembering `loginRequired()` on each new route.
 *
 * @example
 * app.use(requireAuthentication({ allow: ['/', '/login', '/register', '/healthz', /^\/static\//] }));
 */
export function requireAuthentication(options: RequireAuthenticationOptions): Koa.Middleware {
  const guard = loginRequired(options);
  const isPublic = (path: string) => options.allow.some((rule) => (typeof rule === 'string' ? rule === path : rule.test(path)));
  return async function requireAuthenticationGuard(ctx, next) {
    if (isPublic(ctx.path)) await next();
    else await guard(ctx, next);
  };
}
