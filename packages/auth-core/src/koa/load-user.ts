import type Koa from 'koa';

/** What `loadUser` needs to know of a user. */
export interface SessionUser {
  /** The user's id, as stored in `session.userId`. */
  id: string;
  /** Bumped on password change, disable and "log out everywhere": older sessions die. */
  authEpoch: number;
  /** A disabled user loses every session on the next request. */
  disabled?: boolean | undefined;
  /** Whether the account has a second factor (`loginRequired({ mfa: true })`). */
  secondFactor?: boolean | undefined;
}

/** Options of {@link loadUser}. */
export interface LoadUserOptions<U extends SessionUser> {
  /** Looks the user up by id; `undefined` when deleted. */
  findUser: (id: string) => Promise<U | undefined>;
}

declare module 'koa' {
  interface DefaultState {
    /** The signed-in user, set by `loadUser`; absent for anonymous requests. */
    user?: SessionUser;
  }
}

/**
 * Middleware that puts the signed-in user on `ctx.state.user`. The session is destroyed (and the
 * request continues anonymously) when the user is gone, disabled, or their `authEpoch` no longer
 * matches the session's: that is how a password change, a disable or "log out everywhere" ends
 * every other session on every store at once. Timeouts are already enforced by `createSession`.
 *
 * @example
 * app.use(loadUser({ findUser: (id) => users.findById(id) }));
 */
export function loadUser<U extends SessionUser>(options: LoadUserOptions<U>): Koa.Middleware {
  return async function loadUserMiddleware(ctx, next) {
    const session = ctx.session;
    const userId = session?.userId;
    if (session && typeof userId === 'string') {
      const user = await options.findUser(userId);
      if (!user || user.disabled === true || user.authEpoch !== session.authEpoch) {
        ctx.session = null;
      } else {
        ctx.state.user = user;
      }
    }
    await next();
  };
}
