import { randomUUID } from 'node:crypto';
import type Router from '@koa/router';
import type Koa from 'koa';
import { type FailureThrottle, safeNext, type SecurityLog } from '@acme/auth-core';
import { endPreAuth, formFields, login, readPreAuth, startPreAuth } from '@acme/auth-core/koa';
import type { AccountMailer } from '../account-mail/index.js';
import type { KyselyAccountStore, StoredAccount } from '../accounts/kysely-store.js';
import type { SecondFactor } from '../two-factor/index.js';
import { tooManyAttempts } from './too-many-attempts.js';

/** The pre-auth record of a sign-in whose password was right and whose second factor is due. */
const SECOND_STEP = 'second-factor';

/** How long the second step waits for its code (SEC-MFA-05). */
export const SECOND_STEP_MS = 5 * 60_000;

/** What {@link secondStepRoutes} needs: the app's services. */
export interface SecondStepRoutesOptions {
  /** Where accounts live. */
  users: KyselyAccountStore;
  /** Checks TOTP and recovery codes. */
  secondFactor: SecondFactor;
  /** Wrong codes per sign-in and per account, counted before each check. */
  secondFactorThrottle: FailureThrottle<[signInId: string, userId: string]>;
  /** Receives sign-in events. */
  securityLog: SecurityLog;
  /** Tells the address when a recovery code was used. */
  mailer: AccountMailer;
  /** Where a sign-in without a safe `next` lands. Default `/dashboard`. */
  home?: string | undefined;
}

/**
 * Parks a sign-in whose password was right on the second step: a pre-auth record (new session id,
 * no `userId`, so it opens nothing; 5 minutes) that remembers who, where to go next and a sign-in
 * id for the per-sign-in throttle. Called by `POST /login` for an account with a second factor.
 *
 * @example
 * if (user.secondFactor) return startSecondStep(ctx, user, safeNext(next, home));
 */
export async function startSecondStep(ctx: Koa.Context, user: StoredAccount, next: string): Promise<void> {
  await startPreAuth(ctx, SECOND_STEP, { userId: user.id, authEpoch: user.authEpoch, next, signInId: randomUUID() }, SECOND_STEP_MS);
  ctx.redirect('/login/two-factor');
}

/** The pending sign-in of this request, if it is live and its account still the same. */
async function pendingSignIn(ctx: Koa.Context, users: KyselyAccountStore) {
  const data = readPreAuth(ctx, SECOND_STEP);
  if (!data || typeof data.userId !== 'string' || typeof data.signInId !== 'string' || typeof data.next !== 'string') return undefined;
  const user = await users.findById(data.userId);
  // A password change or a disable since the password step ends the pending sign-in too.
  if (!user || user.disabled || user.authEpoch !== data.authEpoch || !user.secondFactor) return undefined;
  return { user, signInId: data.signInId, next: data.next };
}

/**
 * Registers `GET/POST /login/two-factor` (field `code`: a TOTP code or a recovery code), the
 * second step of a sign-in (called by `authRoutes`). Without a live pending sign-in it sends the
 * visitor to `/login`. Each code is counted before it is checked (5 wrong per sign-in, 10 per
 * account per hour; past either, the pending sign-in ends: back to the password). A right code
 * completes the sign-in on a new session id and answers 302 to `next` or the home page; a used
 * recovery code mails a notice and says how many are left.
 */
export function secondStepRoutes(router: Router, options: SecondStepRoutesOptions): void {
  const { users, secondFactor, secondFactorThrottle, securityLog, mailer } = options;
  const home = options.home ?? '/dashboard';

  router.get('/login/two-factor', async (ctx) => {
    if (!(await pendingSignIn(ctx, users))) return ctx.redirect('/login');
    ctx.render('login-two-factor.njk');
  });

  router.post('/login/two-factor', async (ctx) => {
    const { code } = formFields(ctx, ['code']);
    const pending = await pendingSignIn(ctx, users);
    if (!pending) {
      endPreAuth(ctx);
      return ctx.redirect('/login');
    }
    const { user } = pending;
    const attempt = await secondFactorThrottle.attempt(pending.signInId, user.id);
    if (!attempt.allowed) {
      endPreAuth(ctx);
      securityLog({ type: 'login.throttled', userId: user.id, ip: ctx.ip, outcome: 'failure', reason: 'second_factor_throttled' });
      return tooManyAttempts(ctx, attempt.retryAfterSeconds, 'wrong codes; sign in again with your password');
    }
    const check = await secondFactor.check(user.id, code);
    if (!check.ok) {
      securityLog({ type: 'login.failed', userId: user.id, ip: ctx.ip, outcome: 'failure', reason: 'bad_second_factor' });
      ctx.status = 400;
      return ctx.render('login-two-factor.njk', { error: 'That code is not right. Try the newest code from your app, or a recovery code.' });
    }
    await attempt.succeeded();
    await login(ctx, user);
    await users.recordSignIn(user.id);
    securityLog({ type: 'login.succeeded', username: user.username, userId: user.id, ip: ctx.ip, outcome: 'success', reason: check.via });
    if (check.via === 'recovery-code') {
      const left = await secondFactor.store.remainingRecoveryCodes(user.id);
      await mailer.notify(user, 'security-notice', { what: `A recovery code was used to sign in to your account. ${left} recovery codes are left.` });
      ctx.flash('success', `You signed in with a recovery code; ${left} left. Make new ones under Two-factor if you are running low.`);
    }
    ctx.redirect(safeNext(pending.next, home));
  });
}
