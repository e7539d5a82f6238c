import type Koa from 'koa';
import request from 'supertest';

/** The origin the tutorial apps accept form posts from. */
export const ORIGIN = 'http://localhost:3000';

/**
 * Steps 1 to 4 hash with the production params (N=2^17), as the tutorial shows them: close to a
 * second per hash on a busy 2-core machine, so their tests get a generous timeout.
 */
export const SLOW = { timeout: 60_000 };

/** A password the tutorial tests use. */
export const PASSWORD = 'violet kettle harbor moon';

/** A browser-like client with a cookie jar. */
export function browser(app: Koa) {
  return request.agent(app.callback());
}

/** Reads the CSRF token from a page's hidden `_csrf` field. */
export function tokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no _csrf field on the page');
  return match[1];
}

/** The `name=value` pairs of a response's Set-Cookie headers, for replaying them later. */
export function cookiesOf(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw.filter((c): c is string => typeof c === 'string') : [];
  return list.map((c) => c.split(';')[0]).join('; ');
}
