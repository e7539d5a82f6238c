import type Koa from 'koa';

/**
 * Answers 429 with `Retry-After` and a message in minutes (the error page renders it).
 *
 * @example
 * if (!decision.allowed) return tooManyAttempts(ctx, decision.retryAfterSeconds, 'sign-ups from this network');
 */
export function tooManyAttempts(ctx: Koa.Context, retryAfterSeconds: number, what: string): never {
  ctx.set('Retry-After', String(retryAfterSeconds));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return ctx.throw(429, `Too many ${what}. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`);
}
