import { randomBytes, timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import type { KoaSession } from './context.js';
import { DoubleSubmitCsrf } from './csrf-cookie.js';

/** The form field and the header that carry the token. */
export const CSRF_FIELD = '_csrf';
/** The header scripts may send the token in. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** The hosts that all name this machine: one origin in development, whichever the developer typed. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** Options of {@link csrfProtection}. */
export interface CsrfOptions {
  /** Origins allowed to post to this app, e.g. `['https://app.example']`. */
  allowedOrigins: readonly string[];
  /** SESSION_KEYS, newest first: anonymous form tokens are signed with a key derived from them (HKDF). */
  keys: readonly string[];
  /** Secure cookies (HTTPS, production): the anonymous cookie is `__Host-csrf`, else `csrf`. */
  secure: boolean;
  /**
   * Development only: an allowed origin on `localhost`, `127.0.0.1` or `[::1]` also allows the
   * other two, same scheme and port (the developer may open either). Default false: exact origins.
   */
  loopbackAliases?: boolean | undefined;
}

/** The anonymous-token helper of the `csrfProtection` this request passed through. */
const helpers = new WeakMap<Koa.Context, DoubleSubmitCsrf>();
/** The cookie value a page of this request carries, when the request had none. */
const minted = new WeakMap<Koa.Context, string>();

/** Makes a new synchronizer token: 32 random bytes, base64url. */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A signed-in session (it has a `userId`): its token lives in the session; anything else is anonymous. */
function signedInSession(ctx: Koa.Context): KoaSession | undefined {
  const session = ctx.session;
  return session && typeof session.userId === 'string' ? session : undefined;
}

/** A token a page is about to carry; `use()` sets the anonymous cookie if this request minted one. */
export interface PendingCsrfToken {
  /** The value for the `_csrf` field. */
  token: string;
  /** Commits what the token needs (the anonymous cookie); safe to call more than once. */
  use(): void;
}

/**
 * The token a form on this page needs, without committing anything yet: the session's token when
 * signed in; otherwise the double-submit token of the request's csrf cookie, or of a new value
 * whose cookie `use()` sets. `undefined` for an anonymous visitor when `csrfProtection` has not
 * run (an error page for a request refused before it). `pages` uses it so that a page without a
 * form sets no cookie.
 *
 * @example
 * const pending = pendingCsrfToken(ctx);
 * const html = render(view, { csrfToken: pending?.token });
 * if (pending && html.includes(pending.token)) pending.use();
 */
export function pendingCsrfToken(ctx: Koa.Context): PendingCsrfToken | undefined {
  const session = signedInSession(ctx);
  if (session) {
    session.csrfToken ??= newToken();
    return { token: session.csrfToken, use: () => undefined };
  }
  const csrf = helpers.get(ctx);
  if (!csrf) return undefined;
  const existing = csrf.read(ctx);
  if (existing !== undefined) return { token: csrf.tokenFor(existing), use: () => undefined };
  let value = minted.get(ctx);
  if (value === undefined) {
    value = csrf.newValue();
    minted.set(ctx, value);
  }
  const fresh = value;
  return { token: csrf.tokenFor(fresh), use: () => csrf.write(ctx, fresh) };
}

/**
 * Returns the CSRF token for a form on this page. Put it in every form as a hidden `_csrf` field
 * (nunjucks: `<input type="hidden" name="_csrf" value="{{ csrfToken }}">`). Signed in: the
 * session's synchronizer token. Anonymous (login, sign-up): a token signed over the random
 * `__Host-csrf` cookie (`csrf` over http), which this sets if the browser has none; no session
 * is created or touched, so a GET leaves nothing on the server. Needs `csrfProtection` earlier
 * in the chain.
 *
 * @example
 * await ctx.render('login', { csrfToken: csrfToken(ctx) });
 */
export function csrfToken(ctx: Koa.Context): string {
  const pending = pendingCsrfToken(ctx);
  if (!pending) throw new Error('csrfToken(ctx) needs csrfProtection() earlier in the middleware chain');
  pending.use();
  return pending.token;
}

/**
 * Gives the session a new CSRF token, so tokens seen before (e.g. on the login page) stop
 * working. `login` and `rotateAfterPasswordChange` call it.
 *
 * @example
 * rotateCsrfToken(ctx.session);
 */
export function rotateCsrfToken(session: KoaSession): string {
  session.csrfToken = newToken();
  return session.csrfToken;
}

function equalTokens(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads the submitted token from the parsed body or the header; never from the query string. */
function submittedToken(ctx: Koa.Context): string | undefined {
  const body: unknown = (ctx.request as { body?: unknown }).body;
  if (typeof body === 'object' && body !== null && CSRF_FIELD in body) {
    const value: unknown = (body as Record<string, unknown>)[CSRF_FIELD];
    if (typeof value === 'string') return value;
  }
  const header = ctx.get(CSRF_HEADER);
  return header === '' ? undefined : header;
}

/**
 * The origins a request may come from. With `loopbackAliases`, an origin on a loopback host
 * stands for all three loopback hosts on the same scheme and port; other origins stay exact.
 */
function allowedOriginSet(origins: readonly string[], loopbackAliases: boolean): Set<string> {
  const allowed = new Set<string>();
  for (const origin of origins) {
    const url = new URL(origin);
    allowed.add(url.origin);
    if (!loopbackAliases || !LOOPBACK_HOSTS.includes(url.hostname)) continue;
    for (const host of LOOPBACK_HOSTS) {
      url.hostname = host;
      allowed.add(url.origin);
    }
  }
  return allowed;
}

/**
 * Refuses state-changing requests (anything but GET, HEAD, OPTIONS, TRACE) that did not come from
 * this app's own pages: `Sec-Fetch-Site` must be `same-origin` (or absent), `Origin` must be one
 * of `allowedOrigins` (or absent; `null` only together with `Sec-Fetch-Site: same-origin`, which
 * is what a form on a page served with `Referrer-Policy: no-referrer` sends), and the form token must come back in the
 * `_csrf` body field or the `x-csrf-token` header. A signed-in session (one with a `userId`)
 * must send its synchronizer token; an anonymous request must send the token signed over its own
 * csrf cookie (see {@link csrfToken}), so the pre-login token stops working at login. Failures
 * are 403 with a message a person understands. Runs after the body parser and the session.
 *
 * Written here rather than taken from koa-csrf, which also accepts the token from the query
 * string (tokens in URLs leak through logs and Referer), keeps its secret in the session and
 * has no Origin/Fetch-Metadata checks.
 *
 * @example
 * app.use(csrfProtection({ allowedOrigins: ['https://app.example'], keys: sessionKeys, secure: true }));
 */
export function csrfProtection(options: CsrfOptions): Koa.Middleware {
  const allowed = allowedOriginSet(options.allowedOrigins, options.loopbackAliases ?? false);
  const csrf = new DoubleSubmitCsrf({ keys: options.keys, secure: options.secure });
  const refuse = (ctx: Koa.Context): never =>
    ctx.throw(403, 'This form has expired or was sent from another site. Go back, reload the page and try again.');
  return async function csrfCheck(ctx, next) {
    helpers.set(ctx, csrf);
    if (!SAFE_METHODS.has(ctx.method)) {
      const site = ctx.get('sec-fetch-site');
      if (site !== '' && site !== 'same-origin') return refuse(ctx);
      const origin = ctx.get('origin');
      // Browsers send `Origin: null` from opaque origins (sandboxed frames, data: URLs), whose
      // Sec-Fetch-Site is cross-site, and from a page served with `Referrer-Policy: no-referrer`
      // (the password reset form), whose Sec-Fetch-Site is same-origin: only the latter passes.
      if (origin === 'null' ? site !== 'same-origin' : origin !== '' && !allowed.has(origin)) return refuse(ctx);
      const given = submittedToken(ctx);
      if (given === undefined) return refuse(ctx);
      const session = signedInSession(ctx);
      if (session) {
        const expected = session.csrfToken;
        if (typeof expected !== 'string' || !equalTokens(expected, given)) return refuse(ctx);
      } else {
        const value = csrf.read(ctx);
        if (value === undefined || !csrf.verify(value, given)) return refuse(ctx);
      }
    }
    await next();
  };
}
