import type Router from '@koa/router';
import type Koa from 'koa';
import { type FailureThrottle, otpauthUri, qrSvg, type SecurityLog } from '@acme/auth-core';
import { formFields, loginRequired } from '@acme/auth-core/koa';
import nunjucks from 'nunjucks';
import type { AccountMailer } from '../account-mail/index.js';
import type { KyselyAccountStore, StoredAccount } from '../accounts/kysely-store.js';
import type { SecondFactor } from '../two-factor/index.js';
import { signedInAccount } from './signed-in-account.js';
import { tooManyAttempts } from './too-many-attempts.js';

/** How recent a sign-in must be to change the second factor (SEC-MFA-07). */
export const SENSITIVE_SETTINGS_FRESH_MS = 10 * 60_000;

/** What {@link twoFactorRoutes} needs: the app's services. */
export interface TwoFactorRoutesOptions {
  /** Where accounts live. */
  users: KyselyAccountStore;
  /** TOTP and recovery codes. */
  secondFactor: SecondFactor;
  /** Wrong codes when turning it off, per account. */
  secondFactorThrottle: FailureThrottle<[signInId: string, userId: string]>;
  /** Receives `mfa.*` events. */
  securityLog: SecurityLog;
  /** Mails a notice for every change. */
  mailer: AccountMailer;
  /** The issuer shown in authenticator apps. */
  appName: string;
}

/**
 * Registers the second-factor settings (called by `accountRoutes`), each behind a FRESH sign-in
 * (`loginRequired({ fresh: 10 min })`: a stale one gets the re-authentication form, which asks
 * for the code too when the account has one):
 * - `GET /account/two-factor`: the status, and the forms below.
 * - `POST /account/two-factor/setup`: a new secret, kept sealed in the session until proven; the
 *   page shows it as an `otpauth://` URI and a QR code drawn on the server, and a form for `code`.
 * - `POST /account/two-factor/enable` (field `code`): a right code turns TOTP on and shows the 10
 *   recovery codes, once. A wrong one changes nothing.
 * - `POST /account/two-factor/disable` (field `current`: a current code or a recovery code).
 * - `POST /account/two-factor/recovery-codes`: a new set; the old one is void at once.
 * Every change mails a notice to the verified address and writes a security event.
 */
export function twoFactorRoutes(router: Router, options: TwoFactorRoutesOptions): void {
  const { users, secondFactor, secondFactorThrottle, securityLog, mailer, appName } = options;
  const fresh = loginRequired({ fresh: SENSITIVE_SETTINGS_FRESH_MS });

  const notify = (user: StoredAccount, what: string) => mailer.notify(user, 'security-notice', { what });
  const showSetup = async (ctx: Koa.Context, user: StoredAccount, secret: string, error?: string) => {
    const uri = otpauthUri({ secret, issuer: appName, account: user.username });
    // The one unescaped value in a view: an SVG the qrcode library drew on the server (shapes only,
    // no text or script); marked safe here, in code, so views never need `| safe`.
    const qr = new nunjucks.runtime.SafeString(await qrSvg(uri));
    ctx.render('two-factor-setup.njk', { uri, secret, qr, error });
  };

  router.get('/account/two-factor', fresh, async (ctx) => {
    const user = await signedInAccount(ctx, users);
    const remaining = user.secondFactor ? await secondFactor.store.remainingRecoveryCodes(user.id) : 0;
    const next = typeof ctx.query.next === 'string' ? ctx.query.next.slice(0, 2048) : '';
    ctx.render('account-two-factor.njk', { on: user.secondFactor, remaining, required: ctx.query.required === '1', next });
  });

  router.post('/account/two-factor/setup', fresh, async (ctx) => {
    formFields(ctx, []);
    const user = await signedInAccount(ctx, users);
    if (user.secondFactor) return ctx.redirect('/account/two-factor');
    const pending = secondFactor.newPendingSecret(user.id);
    if (ctx.session) ctx.session.pendingTotp = pending.sealed;
    await showSetup(ctx, user, pending.secret);
  });

  router.post('/account/two-factor/enable', fresh, async (ctx) => {
    const { code } = formFields(ctx, ['code']);
    const user = await signedInAccount(ctx, users);
    const secret = secondFactor.openPendingSecret(user.id, ctx.session?.pendingTotp);
    if (user.secondFactor || secret === undefined) return ctx.redirect('/account/two-factor');
    const codes = await secondFactor.enable(user.id, secret, code);
    if (!codes) {
      ctx.status = 400;
      return showSetup(ctx, user, secret, 'That code is not right. Enter the code your app shows now.');
    }
    if (ctx.session) delete ctx.session.pendingTotp;
    securityLog({ type: 'mfa.enabled', userId: user.id, ip: ctx.ip, outcome: 'success' });
    await notify(user, 'Two-factor authentication was turned on for your account.');
    ctx.render('recovery-codes.njk', { codes, first: true });
  });

  router.post('/account/two-factor/disable', fresh, async (ctx) => {
    const { current } = formFields(ctx, ['current']);
    const user = await signedInAccount(ctx, users);
    if (!user.secondFactor) return ctx.redirect('/account/two-factor');
    const attempt = await secondFactorThrottle.attempt(`disable:${user.id}`, user.id);
    if (!attempt.allowed) return tooManyAttempts(ctx, attempt.retryAfterSeconds, 'wrong codes');
    if (!(await secondFactor.check(user.id, current)).ok) {
      securityLog({ type: 'mfa.failed', userId: user.id, ip: ctx.ip, outcome: 'failure', reason: 'disable_bad_code' });
      ctx.status = 400;
      const remaining = await secondFactor.store.remainingRecoveryCodes(user.id);
      return ctx.render('account-two-factor.njk', { on: true, remaining, error: 'That code is not right. Enter the code your app shows now, or a recovery code.' });
    }
    await attempt.succeeded();
    await secondFactor.disable(user.id);
    securityLog({ type: 'mfa.disabled', userId: user.id, ip: ctx.ip, outcome: 'success' });
    await notify(user, 'Two-factor authentication was turned off for your account.');
    ctx.flash('success', 'Two-factor authentication is off.');
    ctx.redirect('/account/two-factor');
  });

  router.post('/account/two-factor/recovery-codes', fresh, async (ctx) => {
    formFields(ctx, []);
    const user = await signedInAccount(ctx, users);
    if (!user.secondFactor) return ctx.redirect('/account/two-factor');
    const codes = await secondFactor.newRecoveryCodes(user.id);
    securityLog({ type: 'mfa.recovery_codes_regenerated', userId: user.id, ip: ctx.ip, outcome: 'success' });
    await notify(user, 'New recovery codes were made for your account; the old ones no longer work.');
    ctx.render('recovery-codes.njk', { codes, first: false });
  });
}
