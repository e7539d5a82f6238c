import type Router from '@koa/router';
import { type LoginThrottle, safeNext, verifyLogin } from '@acme/auth-core';
import { formFields, login, logout } from '@acme/auth-core/koa';
import type { AccountsSchema } from '../accounts/schema.js';
import { emailVerificationRoutes, type EmailVerificationRoutesOptions } from './email-verification-routes.js';
import { CHECK_INBOX_AFTER_RESET_REQUEST, passwordResetRoutes, type PasswordResetRoutesOptions } from './password-reset-routes.js';
import { passkeySignInRoutes, type PasskeyRoutesOptions } from './passkey-routes.js';
import { reauthUsername } from './reauth.js';
import { CHECK_INBOX_AFTER_SIGN_UP, registrationRoutes, type RegistrationRoutesOptions } from './registration-routes.js';
import { secondStepRoutes, type SecondStepRoutesOptions, startSecondStep } from './second-step-routes.js';
import { tooManyAttempts } from './too-many-attempts.js';


/**
 * The routes `authRoutes` registers for visitors who are not signed in (as router paths): an
 * app's public allow-list (`findUnprotectedRoutes`, `PUBLIC_PATHS`) spreads it in, so a new page
 * of the shell never needs a list edited in every app.
 */
export const AUTH_PUBLIC_PATHS: readonly string[] = [
  '/login',
  '/logout',
  '/register',
  CHECK_INBOX_AFTER_SIGN_UP,
  '/password/forgot',
  CHECK_INBOX_AFTER_RESET_REQUEST,
  '/password/reset/:token',
  '/password/reset',
  '/email/verify/:token',
  '/login/two-factor',
  '/login/passkey/options',
  '/login/passkey/verify',
];

/** What {@link authRoutes} needs: the app's services (`requireAccounts(services)` has them all). */
export interface AuthRoutesOptions<Values = unknown, Schema extends AccountsSchema = AccountsSchema>
  extends RegistrationRoutesOptions<Values, Schema>,
    PasswordResetRoutesOptions,
    EmailVerificationRoutesOptions,
    SecondStepRoutesOptions,
    PasskeyRoutesOptions {
  /** Limits sign-in attempts (counts failures: a success is given back). */
  loginThrottle: LoginThrottle;
  /** Where a login without a safe `next` lands. Default `/dashboard`. */
  home?: string;
}

/**
 * Registers the pages of a visitor who is not signed in: sign-up (`registrationRoutes`: `GET/POST
 * /register`, fields `username`, `email`, `password`; it never signs in and answers "check your
 * inbox"), `GET/POST /login` (with `?next=`; `username` is the username or a verified address),
 * `POST /logout`, the password reset (`passwordResetRoutes`) and the mailed verification link
 * (`emailVerificationRoutes`). The pages render the app's views through `ctx.render` (see `pages`).
 *
 * `GET /login?next=…&reauth=1` from a signed-in user (where `loginRequired({ fresh })` sends a
 * stale sign-in) renders `reauth.njk` instead: the password only, for the signed-in username.
 * It posts to `POST /login` with `reauth=1`, which runs the same sign-in (throttle, one hash,
 * events, new session id, fresh `authAt`, safe `next`) for the signed-in user.
 *
 * What the handlers guarantee: strict string fields (a repeated field is a 400); throttling by
 * IP for sign-ups and by username+IP, IP and account for sign-ins, each attempt counted before
 * any hashing so parallel requests cannot pass a limit; exactly one hash per login
 * attempt, with the same message for unknown users and wrong passwords; the password policy with
 * the username and app name as context; a new session id on every sign-in; a safe `next`; a
 * transparent rehash of old hashes; a security-log record for each outcome.
 *
 * With `signUp`, the sign-up form also reads the app's fields (as strictly), runs its `validate`
 * (a refusal re-renders the form, 400, with the typed values and `errors`, never the password)
 * and its `store` in the transaction that creates the user. The register view gets `form` (the
 * extra fields as typed) and `errors` (a message per field) for its `register-fields.njk` partial.
 *
 * @example
 * authRoutes(router, { ...requireAccounts(services), appName: 'shop' });
 */
export function authRoutes<Values, Schema extends AccountsSchema>(router: Router, options: AuthRoutesOptions<Values, Schema>): void {
  const { users, hasher, loginThrottle, securityLog, secondFactor, secondFactorThrottle } = options;
  const home = options.home ?? '/dashboard';
  registrationRoutes(router, options);
  passwordResetRoutes(router, options);
  emailVerificationRoutes(router, options);
  secondStepRoutes(router, options);
  passkeySignInRoutes(router, options);

  router.get('/login', async (ctx) => {
    // Reflected as typed (autoescaped into a hidden field); validated by safeNext when it is used.
    const next = typeof ctx.query.next === 'string' ? ctx.query.next.slice(0, 2048) : '';
    // A stale sign-in sent here by loginRequired({ fresh }): ask for the password, not back to `next` (a loop).
    const reauthFor = await reauthUsername(ctx, ctx.query.reauth, users);
    if (reauthFor !== undefined) return ctx.render('reauth.njk', { username: reauthFor, next, secondFactor: ctx.state.user?.secondFactor === true });
    if (ctx.state.user) return ctx.redirect(safeNext(ctx.query.next, home));
    ctx.render('login.njk', { next, passkeys: options.relyingParty !== undefined });
  });

  router.post('/login', async (ctx) => {
    const { username: typed, password, next, reauth, code } = formFields(ctx, ['username', 'password', 'next', 'reauth', 'code']);
    // Re-authentication (reauth.njk) checks the signed-in user's own password, whatever username is sent.
    const reauthFor = await reauthUsername(ctx, reauth, users);
    const username = reauthFor ?? typed;
    // Counted before the hash: a wrong password needs no further call, a right one is given back.
    const attempt = await loginThrottle.attempt(username, ctx.ip);
    if (!attempt.allowed) {
      securityLog({ type: 'login.throttled', username, ip: ctx.ip, outcome: 'failure', reason: 'throttled' });
      return tooManyAttempts(ctx, attempt.retryAfterSeconds, 'sign-in attempts');
    }
    // The username, or a VERIFIED address (an unverified claim signs nobody in).
    const user = username === '' ? undefined : await users.findByLogin(username);
    const { ok, rehashed } = await verifyLogin({
      hasher,
      user: user?.disabled ? undefined : user,
      password,
      saveHash: user ? (hash) => users.replaceHash(user.id, hash) : undefined,
    });
    if (!ok || !user) {
      securityLog({ type: 'login.failed', username, ip: ctx.ip, outcome: 'failure', reason: 'bad_credentials' });
      ctx.status = 400;
      // One message for unknown users and wrong passwords: the form must not tell which usernames exist.
      ctx.render(reauthFor === undefined ? 'login.njk' : 'reauth.njk', { error: 'Incorrect username or password.', username, next: safeNext(next, ''), secondFactor: user?.secondFactor === true });
      return;
    }
    await attempt.succeeded();
    if (rehashed) securityLog({ type: 'password.rehashed', userId: user.id, ip: ctx.ip, outcome: 'success' });
    // With a second factor, a sign-in waits for its code (/login/two-factor); a re-authentication
    // asks for it on the same form.
    if (user.secondFactor && reauthFor === undefined) return startSecondStep(ctx, user, safeNext(next, home));
    if (user.secondFactor) {
      const second = await secondFactorThrottle.attempt(`reauth:${user.id}`, user.id);
      if (!second.allowed) return tooManyAttempts(ctx, second.retryAfterSeconds, 'wrong codes');
      if (!(await secondFactor.check(user.id, code)).ok) {
        securityLog({ type: 'login.failed', userId: user.id, ip: ctx.ip, outcome: 'failure', reason: 'bad_second_factor' });
        ctx.status = 400;
        return ctx.render('reauth.njk', { error: 'That code is not right.', username, next: safeNext(next, ''), secondFactor: true });
      }
      await second.succeeded();
    }
    await login(ctx, user);
    await users.recordSignIn(user.id);
    securityLog({ type: 'login.succeeded', username: user.username, userId: user.id, ip: ctx.ip, outcome: 'success' });
    ctx.redirect(safeNext(next, home));
  });

  router.post('/logout', (ctx) => {
    const userId = ctx.state.user?.id;
    logout(ctx);
    if (userId) securityLog({ type: 'logout', userId, ip: ctx.ip, outcome: 'success' });
    ctx.redirect('/');
  });
}
