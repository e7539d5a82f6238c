import type Koa from 'koa';
import type { KyselyAccountStore, StoredAccount } from '../accounts/kysely-store.js';

/**
 * The signed-in user's account, read fresh from the store (behind `loginRequired`); a 401 when
 * nobody is signed in or the account is gone.
 *
 * @example
 * router.get('/account/passkeys', guard, async (ctx) => { const user = await signedInAccount(ctx, users); … });
 */
export async function signedInAccount(ctx: Koa.Context, users: Pick<KyselyAccountStore, 'findById'>): Promise<StoredAccount> {
  const id = ctx.state.user?.id;
  const found = id === undefined ? undefined : await users.findById(id);
  return found ?? ctx.throw(401);
}
