import type Koa from 'koa';

const clocks = new WeakMap<Koa, () => number>();

/**
 * Sets the clock auth-core's middleware and helpers use for this app (sessions, login times,
 * freshness). `createSession` calls it; tests inject a fake one through `createSession({ now })`.
 *
 * @example
 * setAuthClock(app, () => fakeNow);
 */
export function setAuthClock(app: Koa, now: () => number): void {
  clocks.set(app, now);
}

/**
 * The current time for `ctx`'s app, in ms since epoch.
 *
 * @example
 * const authAt = authNow(ctx);
 */
export function authNow(ctx: Koa.Context): number {
  return (clocks.get(ctx.app) ?? Date.now)();
}
