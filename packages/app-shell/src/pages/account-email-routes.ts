import type Router from '@koa/router';
import { checkEmailAddress, type FailureThrottle, type PasswordHasher, type SecurityLog } from '@acme/auth-core';
import { formFields, loginRequired } from '@acme/auth-core/koa';
import type { AccountMailer } from '../account-mail/index.js';
import type { AccountTokenStore } from '../accounts/account-tokens.js';
import type { Db } from '../accounts/database.js';
import type { KyselyAccountStore } from '../accounts/kysely-store.js';
import type { AccountsSchema } from '../accounts/schema.js';
import { signedInAccount } from './signed-in-account.js';

/** What {@link accountEmailRoutes} needs: the app's services. */
export interface AccountEmailRoutesOptions {
  /** The app's database (the token and its mail are one transaction). */
  db: Db<AccountsSchema>;
  /** Where accounts live. */
  users: KyselyAccountStore;
  /** Verifies the current password. */
  hasher: PasswordHasher;
  /** Wrong current passwords, per user (shared with the password page: one budget of guesses). */
  passwordChangeThrottle: FailureThrottle;
  /** Issues the verification token for the new address. */
  tokens: AccountTokenStore;
  /** Queues the verification mail to the new address. */
  mailer: AccountMailer;
  /** Receives `email.change_requested`. */
  securityLog: SecurityLog;
}

/**
 * Registers `GET/POST /account/email` (fields `email`, `current`; called by `accountRoutes`):
 * add, confirm again, or change the account's address. The current password is required
 * (throttled like the password page, counted before the hash). The new address is only mailed a
 * verification link: the old one stays the sign-in and recovery address until the link is
 * followed, and then gets a notice (SEC-MAIL-03). The answer is the same whether the new address
 * is free or belongs to someone else (that shows only to whoever can read its mail).
 */
export function accountEmailRoutes(router: Router, options: AccountEmailRoutesOptions): void {
  const { db, users, hasher, passwordChangeThrottle, tokens, mailer, securityLog } = options;
  const guard = loginRequired();

  router.get('/account/email', guard, async (ctx) => {
    const account = await signedInAccount(ctx, users);
    ctx.render('account-email.njk', { current: account.email, verified: account.emailVerified });
  });

  router.post('/account/email', guard, async (ctx) => {
    const { email: typed, current } = formFields(ctx, ['email', 'current']);
    const userId = ctx.state.user?.id;
    if (userId === undefined) return ctx.throw(401);
    const attempt = await passwordChangeThrottle.attempt(userId);
    if (!attempt.allowed) {
      ctx.set('Retry-After', String(attempt.retryAfterSeconds));
      return ctx.throw(429, 'Too many wrong current passwords. Please wait an hour and try again.');
    }
    const account = await users.findById(userId);
    if (!account) return ctx.throw(401);
    const fail = (error: string) => {
      ctx.status = 400;
      ctx.render('account-email.njk', { current: account.email, verified: account.emailVerified, email: typed.slice(0, 254), error });
    };
    const verified = await hasher.verify(account.passwordHash, current);
    if (!verified.ok) {
      securityLog({ type: 'password.change_failed', userId, ip: ctx.ip, outcome: 'failure', reason: 'wrong_current_password' });
      return fail('Your current password is not correct.');
    }
    await attempt.succeeded();
    const email = checkEmailAddress(typed);
    if (!email.ok) return fail(email.reason);
    if (account.emailVerified && account.email?.toLowerCase() === email.normalized) {
      ctx.flash('success', 'That is already your confirmed address.');
      return ctx.redirect('/account/email');
    }
    await db.kysely.transaction().execute(async (trx) => {
      const token = await tokens.issue(trx, { userId, purpose: 'email-verification', authEpoch: account.authEpoch, email });
      await mailer.queue('verify-email', email.address, { username: account.username, email: email.address, link: mailer.link(`/email/verify/${token}`) }, trx);
    });
    securityLog({ type: 'email.change_requested', userId, ip: ctx.ip, outcome: 'success' });
    ctx.flash('success', `We sent a link to ${email.address}. Your address changes once you follow it; until then your current one stays in use.`);
    ctx.redirect('/account/email');
  });
}
