import type Koa from 'koa';
import type { AccountStore } from '@acme/auth-core';

/**
 * The username a re-authentication is for: the signed-in user's, when the request carries the
 * `reauth=1` flag (`loginRequired({ fresh })` adds it); `undefined` otherwise, and for anonymous
 * requests, which get the ordinary login form. The login routes verify the password of this
 * user, never of a username the form sends, so re-authentication cannot switch accounts.
 *
 * @example
 * const reauthFor = await reauthUsername(ctx, ctx.query.reauth, users);
 * if (reauthFor !== undefined) return ctx.render('reauth.njk', { username: reauthFor, next });
 */
export async function reauthUsername(ctx: Koa.Context, flag: unknown, users: Pick<AccountStore, 'findById'>): Promise<string | undefined> {
  const signedIn = ctx.state.user;
  if (flag !== '1' || !signedIn) return undefined;
  return (await users.findById(signedIn.id))?.username;
}
