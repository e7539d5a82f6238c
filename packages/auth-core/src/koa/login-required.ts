import type Koa from 'koa';
import type { SessionUser } from './load-user.js';
import { authNow } from './clock.js';
import { safeNext } from '../redirect/safe-next.js';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, sendProblem } from './problem.js';

/** Options of {@link loginRequired}. */
export interface LoginRequiredOptions {
  /** Where anonymous visitors are sent. Default `/login`. */
  loginPath?: string;
  /** Extra authorization: return false to answer 403 (e.g. a role check). */
  can?: (user: SessionUser, ctx: Koa.Context) => boolean | Promise<boolean>;
  /**
   * Demand a password entry within this many ms (for sensitive pages): an older sign-in is sent
   * to `<loginPath>?next=<path>&reauth=1`, where `authRoutes` asks for the password only.
   */
  fresh?: number;
  /**
   * Answer refusals as JSON (problem details) whatever the request's `Accept` says: for API
   * routes, whose clients must never be handed a redirect to the login page or an HTML page.
   */
  json?: boolean;
  /**
   * Demand a second factor (for a route or a role): the account has TOTP on (every sign-in then
   * asks for it), or this session signed in with a passkey; anyone else is sent to
   * `secondFactorPath` to set one up (writes and JSON get 403).
   */
  mfa?: boolean;
  /** Where `mfa` sends a user without a second factor (`?required=1&next=…` added). Default `/account/two-factor`. */
  secondFactorPath?: string;
}

/** The query flag that asks the login page for the re-authentication form (`?reauth=1`). */
export const REAUTH_PARAM = 'reauth';

/**
 * The problem `type`s of the guard's own JSON refusals. They tell the guard's answer apart from
 * every other 401/403 (a CSRF refusal, a handler's own check): `findUnprotectedRoutes` counts only these.
 */
export const GUARD_REFUSALS = {
  /** Nobody is signed in: 401. */
  anonymous: PROBLEM_TYPES.authenticationRequired,
  /** Signed in longer ago than `fresh` allows: 401. */
  stale: PROBLEM_TYPES.reauthenticationRequired,
  /** `can` said no: 403. */
  forbidden: PROBLEM_TYPES.forbidden,
  /** `mfa` and the account has no second factor: 403. */
  noSecondFactor: PROBLEM_TYPES.secondFactorRequired,
} as const;

/**
 * True when the client asked for JSON rather than a page (`Accept` prefers JSON or problem
 * details over HTML, or a script's `X-Requested-With`).
 *
 * @example
 * if (wantsJson(ctx)) sendProblem(ctx, problem); else ctx.render('error.njk', page);
 */
export function wantsJson(ctx: Koa.Context): boolean {
  if (ctx.get('x-requested-with').toLowerCase() === 'xmlhttprequest') return true;
  const preferred = ctx.accepts('html', 'json', PROBLEM_CONTENT_TYPE);
  return preferred === 'json' || preferred === PROBLEM_CONTENT_TYPE;
}

const MESSAGES = {
  anonymous: 'Sign in to continue.',
  stale: 'Enter your password again to continue.',
} as const;

const TITLES = {
  anonymous: 'Please sign in',
  stale: 'Please enter your password again',
} as const;

/**
 * Refuses a request that needs a (recent) sign-in. A stale page request goes to the login page
 * with `reauth=1`: without the flag the login page would send the signed-in user straight back
 * to `next`, and the guard back to the login page, for ever. A stale write is refused, never
 * redirected, so a form's body is not lost in a redirect chain.
 */
function deny(ctx: Koa.Context, loginPath: string, why: 'anonymous' | 'stale', json: boolean): void {
  ctx.set('Cache-Control', 'no-store');
  if (json || wantsJson(ctx)) {
    return sendProblem(ctx, { type: GUARD_REFUSALS[why], title: TITLES[why], status: 401, detail: MESSAGES[why] });
  }
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
    ctx.throw(401, MESSAGES[why], { problemType: GUARD_REFUSALS[why] });
  }
  const next = `next=${encodeURIComponent(safeNext(ctx.originalUrl, '/'))}`;
  ctx.redirect(`${loginPath}?${next}${why === 'stale' ? `&${REAUTH_PARAM}=1` : ''}`);
}

/** Sends a signed-in user without a second factor to set one up (pages), or answers 403 (writes, JSON). */
function requireSecondFactor(ctx: Koa.Context, path: string, json: boolean): void {
  const detail = 'This page needs a second factor. Turn on two-factor authentication to continue.';
  ctx.set('Cache-Control', 'no-store');
  if (json || wantsJson(ctx)) return sendProblem(ctx, { type: GUARD_REFUSALS.noSecondFactor, title: 'Second factor required', status: 403, detail });
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return ctx.throw(403, detail, { problemType: GUARD_REFUSALS.noSecondFactor });
  ctx.redirect(`${path}?required=1&next=${encodeURIComponent(safeNext(ctx.originalUrl, '/'))}`);
}

function forbid(ctx: Koa.Context, json: boolean): void {
  const detail = 'You do not have access to this page.';
  if (!json && !wantsJson(ctx)) return ctx.throw(403, detail, { problemType: GUARD_REFUSALS.forbidden });
  sendProblem(ctx, { type: GUARD_REFUSALS.forbidden, title: 'Not allowed', status: 403, detail });
}

/**
 * Guards a route: anonymous page requests are redirected to the login page with a safe `next`,
 * requests that want JSON get 401, other anonymous writes 401; `can` failing gives 403; with
 * `fresh`, a sign-in older than that many ms must enter the password again (page requests go to
 * `<loginPath>?next=…&reauth=1`, writes and JSON get 401); with `mfa`, an account without a
 * second factor is sent to set one up (403 for writes and JSON). JSON refusals are problem details
 * (`application/problem+json`) whose `type` is one of {@link GUARD_REFUSALS}; with `json: true`
 * every refusal is, whatever the `Accept` header. The TypeScript form of Flask's
 * `@login_required`. Needs `loadUser` earlier in the chain.
 *
 * @example
 * router.get('/dashboard', loginRequired(), dashboard);
 * router.get('/api/orders', loginRequired({ json: true }), orders);
 * router.get('/admin', loginRequired({ can: (user) => isAdmin(user) }), admin);
 * router.get('/billing', loginRequired({ mfa: true }), billing);
 */
export function loginRequired(options: LoginRequiredOptions = {}): Koa.Middleware {
  const loginPath = options.loginPath ?? '/login';
  const { can, fresh } = options;
  const json = options.json === true;
  const secondFactorPath = options.secondFactorPath ?? '/account/two-factor';
  return async function loginRequiredGuard(ctx, next) {
    const user = ctx.state.user;
    if (!user) return deny(ctx, loginPath, 'anonymous', json);
    if (fresh !== undefined) {
      const authAt = ctx.session?.authAt;
      if (typeof authAt !== 'number' || authNow(ctx) - authAt > fresh) return deny(ctx, loginPath, 'stale', json);
    }
    // Who may see the page first: a user without the role is refused, not asked to set up a factor.
    if (can && !(await can(user, ctx))) return forbid(ctx, json);
    if (options.mfa === true && user.secondFactor !== true && ctx.session?.mfa !== true) return requireSecondFactor(ctx, secondFactorPath, json);
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
