import type Koa from 'koa';

/**
 * Reads string fields from the parsed form body. Anything that is not a plain string (repeated
 * fields, `a[]=`, `a[$ne]=`, JSON objects) is refused with a 400: parameter pollution never
 * reaches the handlers, and a missing field is an empty string.
 *
 * @example
 * const { username, password } = formFields(ctx, ['username', 'password']);
 */
export function formFields<K extends string>(ctx: Koa.Context, names: readonly K[]): Record<K, string> {
  const body: unknown = (ctx.request as { body?: unknown }).body;
  const source = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const out = {} as Record<K, string>;
  for (const name of names) {
    const value = Object.hasOwn(source, name) ? source[name] : '';
    if (typeof value !== 'string') ctx.throw(400, 'The form was malformed. Reload the page and try again.');
    out[name] = value;
  }
  return out;
}
