import { randomBytes, timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import type { KoaSession } from '../session/context.js';

/** The form field and the header that carry the token. */
export const CSRF_FIELD = '_csrf';
/** The header scripts may send the token in. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** Options of {@link csrfProtection}. */
export interface CsrfOptions {
  /** Origins allowed to post to this app, e.g. `['https://app.example']`. */
  allowedOrigins: readonly string[];
}

/** Makes a new synchronizer token: 32 random bytes, base64url. */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Returns the session's CSRF token, creating it on first use. Put it in every form as a hidden
 * `_csrf` field (nunjucks: `<input type="hidden" name="_csrf" value="{{ csrfToken }}">`).
 *
 * @example
 * await ctx.render('login', { csrfToken: csrfToken(ctx) });
 */
export function csrfToken(ctx: Koa.Context): string {
  const session = ctx.session;
  if (!session) throw new Error('csrfToken(ctx) needs a session: use createSession() before it');
  session.csrfToken ??= newToken();
  return session.csrfToken;
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
 * Refuses state-changing requests (anything but GET, HEAD, OPTIONS, TRACE) that did not come from
 * this app's own pages: `Sec-Fetch-Site` must be `same-origin` (or absent), `Origin` must be one
 * of `allowedOrigins` (or absent; `null` is refused), and the synchronizer token from the session
 * must come back in the `_csrf` body field or the `x-csrf-token` header. Failures are 403 with a
 * message a person understands. Runs after the body parser and the session.
 *
 * Written here rather than taken from koa-csrf, which also accepts the token from the query
 * string (tokens in URLs leak through logs and Referer) and has no Origin/Fetch-Metadata checks.
 *
 * @example
 * app.use(csrfProtection({ allowedOrigins: ['https://app.example'] }));
 */
export function csrfProtection(options: CsrfOptions): Koa.Middleware {
  const allowed = new Set(options.allowedOrigins.map((o) => new URL(o).origin));
  const refuse = (ctx: Koa.Context): never =>
    ctx.throw(403, 'This form has expired or was sent from another site. Go back, reload the page and try again.');
  return async function csrfCheck(ctx, next) {
    if (!SAFE_METHODS.has(ctx.method)) {
      const site = ctx.get('sec-fetch-site');
      if (site !== '' && site !== 'same-origin') refuse(ctx);
      const origin = ctx.get('origin');
      if (origin !== '' && !allowed.has(origin)) refuse(ctx);
      const expected = ctx.session?.csrfToken;
      const given = submittedToken(ctx);
      if (typeof expected !== 'string' || given === undefined || !equalTokens(expected, given)) refuse(ctx);
    }
    await next();
  };
}
