import type Router from '@koa/router';
import type Koa from 'koa';
import { checkPasswordPolicy, digestSessionId, type SessionStore } from '@acme/auth-core';
import { formFields, loginRequired, logout, rotateAfterPasswordChange } from '@acme/auth-core/koa';
import { accountEmailRoutes, type AccountEmailRoutesOptions } from './account-email-routes.js';
import { passkeyAccountRoutes, type PasskeyRoutesOptions } from './passkey-routes.js';
import { twoFactorRoutes, type TwoFactorRoutesOptions } from './two-factor-routes.js';
import { describeUserAgent } from './user-agent.js';

/** What {@link accountRoutes} needs: the app's services (`requireAccounts(services)` has them all). */
export interface AccountRoutesOptions extends AccountEmailRoutesOptions, TwoFactorRoutesOptions, PasskeyRoutesOptions {
  /** Lists and revokes the user's sessions. */
  sessions: SessionStore;
  /** Refused inside passwords (policy context). */
  appName: string;
}

function currentUser(ctx: Koa.Context): { id: string } {
  const user = ctx.state.user;
  if (!user) return ctx.throw(401);
  return user;
}

/** The current session's digest, to mark "this device" in the list. */
function currentDigest(ctx: Koa.Context): string | undefined {
  const key = (ctx.session as { externalKey?: unknown } | null)?.externalKey;
  return typeof key === 'string' ? digestSessionId(key) : undefined;
}

/** One row of the sessions page, from what `createSession` stores (all display-only). */
function describeSession(s: { digest: string; data: Record<string, unknown> }, current: string | undefined) {
  const time = (value: unknown) => (typeof value === 'number' ? new Date(value).toISOString() : '');
  return {
    digest: s.digest,
    device: describeUserAgent(typeof s.data.userAgent === 'string' ? s.data.userAgent : ''),
    ip: typeof s.data.ip === 'string' ? s.data.ip : 'unknown',
    createdAt: time(s.data.createdAt),
    lastSeenAt: time(s.data.lastSeenAt),
    current: s.digest === current,
  };
}

/**
 * Registers the account pages, all behind `loginRequired()`: `GET/POST /account/password`
 * (fields `current`, `new`), `GET/POST /account/email` (`accountEmailRoutes`), the second-factor
 * settings under `/account/two-factor` (`twoFactorRoutes`), `GET
 * /account/sessions`, `POST /account/sessions/revoke` (field `digest`) and `POST
 * /account/sessions/revoke-all`. They render the app's `account-*.njk` views through `ctx.render`.
 *
 * A password change needs the current password (throttled per user, each attempt counted before
 * the hash so parallel guesses cannot pass the limit), passes the policy, rotates the session id,
 * ends every other session (new `authEpoch`, and their records deleted) and mails a notice to the
 * verified address. "Log out everywhere" bumps `authEpoch` and deletes every stored session of the user.
 *
 * @example
 * accountRoutes(router, { ...requireAccounts(services), appName: 'shop' });
 */
export function accountRoutes(router: Router, options: AccountRoutesOptions): void {
  const { users, hasher, sessions, passwordChangeThrottle, securityLog, appName, mailer } = options;
  const guard = loginRequired();
  accountEmailRoutes(router, options);
  twoFactorRoutes(router, options);
  passkeyAccountRoutes(router, options);

  router.get('/account/password', guard, (ctx) => ctx.render('account-password.njk'));

  router.post('/account/password', guard, async (ctx) => {
    const user = currentUser(ctx);
    const { current, new: next } = formFields(ctx, ['current', 'new']);
    const attempt = await passwordChangeThrottle.attempt(user.id);
    if (!attempt.allowed) {
      ctx.set('Retry-After', String(attempt.retryAfterSeconds));
      return ctx.throw(429, 'Too many wrong current passwords. Please wait an hour and try again.');
    }
    const fail = (error: string) => {
      ctx.status = 400;
      ctx.render('account-password.njk', { error });
    };
    const record = await users.findById(user.id);
    const verified = record ? await hasher.verify(record.passwordHash, current) : { ok: false };
    if (!record || !verified.ok) {
      securityLog({ type: 'password.change_failed', userId: user.id, ip: ctx.ip, outcome: 'failure', reason: 'wrong_current_password' });
      return fail('Your current password is not correct.');
    }
    // The current password was right: a weak new one must not count as a wrong guess.
    await attempt.succeeded();
    const policy = checkPasswordPolicy(next, { username: record.username, appName });
    if (!policy.ok) return fail(policy.reason);
    const updated = await users.changePassword(user.id, await hasher.hash(next));
    if (!updated) return ctx.throw(401);
    // The new authEpoch already ends the other sessions; deleting them too keeps "your sessions"
    // true at once. This session's record goes with them, before regenerate creates its new id.
    await sessions.destroyByUser(user.id);
    await rotateAfterPasswordChange(ctx, updated);
    await mailer.notify(updated, 'password-changed', { viaReset: false });
    securityLog({ type: 'password.changed', userId: user.id, ip: ctx.ip, outcome: 'success' });
    ctx.flash('success', 'Your password has been changed. Your other devices have been signed out.');
    ctx.redirect('/account/password');
  });

  router.get('/account/sessions', guard, async (ctx) => {
    const user = currentUser(ctx);
    const current = currentDigest(ctx);
    const list = (await sessions.listByUser(user.id)).map((s) => describeSession(s, current));
    ctx.render('account-sessions.njk', { sessions: list });
  });

  router.post('/account/sessions/revoke', guard, async (ctx) => {
    const user = currentUser(ctx);
    const { digest } = formFields(ctx, ['digest']);
    if (!/^[0-9a-f]{64}$/.test(digest)) ctx.throw(400, 'That session could not be found.');
    if (digest === currentDigest(ctx)) {
      logout(ctx);
      return ctx.redirect('/login');
    }
    const removed = await sessions.destroyByDigest(user.id, digest);
    if (removed) securityLog({ type: 'session.revoked', userId: user.id, ip: ctx.ip, outcome: 'success' });
    ctx.flash(removed ? 'success' : 'error', removed ? 'That session has been signed out.' : 'That session had already ended.');
    ctx.redirect('/account/sessions');
  });

  router.post('/account/sessions/revoke-all', guard, async (ctx) => {
    const user = currentUser(ctx);
    await users.bumpAuthEpoch(user.id);
    await sessions.destroyByUser(user.id);
    securityLog({ type: 'sessions.revoked_all', userId: user.id, ip: ctx.ip, outcome: 'success' });
    logout(ctx);
    ctx.redirect('/login');
  });
}
