import type Router from '@koa/router';
import type Koa from 'koa';
import { type Account, checkPasswordPolicy, checkUsername, type LoginThrottle, type PasswordHasher, type RequestThrottle, safeNext, type SecurityLog, UsernameTakenError, verifyLogin } from '@acme/auth-core';
import { formFields, login, logout } from '@acme/auth-core/koa';
import type { Transaction } from 'kysely';
import type { AccountsSchema } from '../accounts/schema.js';
import { reauthUsername } from './reauth.js';
import { assertSignUpFields, type SignUpAccountStore, type SignUpFields } from './sign-up-fields.js';

/** What {@link authRoutes} needs: the app's services. */
export interface AuthRoutesOptions<Values = unknown, Schema extends AccountsSchema = AccountsSchema> {
  /** Where accounts live (with `signUp`, a store that writes them in one transaction: `KyselyAccountStore`). */
  users: SignUpAccountStore;
  /** Hashes new passwords and verifies sign-ins. */
  hasher: PasswordHasher;
  /** Limits sign-in attempts (counts failures: a success is given back). */
  loginThrottle: LoginThrottle;
  /** Limits sign-ups per IP (counts requests: never given back). */
  registrationThrottle: RequestThrottle;
  /** Receives sign-up, sign-in and logout events. */
  securityLog: SecurityLog;
  /** Refused inside passwords (policy context). */
  appName: string;
  /** Where a new user, and a login without a safe `next`, lands. Default `/dashboard`. */
  home?: string;
  /**
   * The app's own sign-up fields (validated, stored with the user in one transaction, rendered by
   * the app's `register-fields.njk`). None by default. See the "Sign-up fields" guide.
   */
  signUp?: SignUpFields<Values, Schema> | undefined;
}

/** Answers 429 with `Retry-After` and a message in minutes. */
export function tooManyAttempts(ctx: Koa.Context, retryAfterSeconds: number, what: string): never {
  ctx.set('Retry-After', String(retryAfterSeconds));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return ctx.throw(429, `Too many ${what}. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`);
}

/**
 * Registers `GET/POST /register`, `GET/POST /login` (with `?next=`) and `POST /logout` on
 * `router`. The pages render the app's `register.njk` and `login.njk` through `ctx.render`
 * (see `pages`); form fields are `username`, `password`, `next` and `_csrf`.
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
 * authRoutes(router, { ...services, appName: 'shop' });
 */
export function authRoutes<Values, Schema extends AccountsSchema>(router: Router, options: AuthRoutesOptions<Values, Schema>): void {
  const { users, hasher, loginThrottle, registrationThrottle, securityLog, appName, signUp } = options;
  const home = options.home ?? '/dashboard';
  if (signUp) assertSignUpFields(signUp);
  const extraNames = signUp?.fields ?? [];

  router.get('/register', (ctx) => ctx.render('register.njk', { form: {}, errors: {} }));

  router.post('/register', async (ctx) => {
    const { username, password } = formFields(ctx, ['username', 'password']);
    const form: Readonly<Record<string, string>> = formFields(ctx, extraNames);
    const decision = await registrationThrottle.attempt(ctx.ip);
    if (!decision.allowed) return tooManyAttempts(ctx, decision.retryAfterSeconds, 'sign-ups from this network');
    const fail = (error: string | undefined, name: string, errors: Readonly<Record<string, string>> = {}) => {
      ctx.status = 400;
      ctx.render('register.njk', { error, username: name, form, errors });
    };
    const name = checkUsername(username);
    if (!name.ok) return fail(name.reason, username.normalize('NFKC').trim());
    const policy = checkPasswordPolicy(password, { username: name.username, appName });
    if (!policy.ok) return fail(policy.reason, name.username);
    const extra = signUp?.validate(form);
    if (extra && !extra.ok) return fail(undefined, name.username, extra.errors);
    // The app's migrations made its tables: kysely's schema type is compile-time only.
    const alsoWrite = signUp && extra?.ok ? (user: Account, trx: Transaction<AccountsSchema>) => signUp.store(extra.values, user, trx as unknown as Transaction<Schema>) : undefined;
    let user;
    try {
      user = await users.create(name.username, await hasher.hash(password), alsoWrite);
    } catch (error) {
      if (error instanceof UsernameTakenError) return fail('That username is taken. Choose another one.', name.username);
      throw error;
    }
    await login(ctx, user);
    securityLog({ type: 'user.registered', username: user.username, userId: user.id, ip: ctx.ip, outcome: 'success' });
    ctx.flash('success', `Welcome, ${user.username}. Your account is ready.`);
    ctx.redirect(home);
  });

  router.get('/login', async (ctx) => {
    // Reflected as typed (autoescaped into a hidden field); validated by safeNext when it is used.
    const next = typeof ctx.query.next === 'string' ? ctx.query.next.slice(0, 2048) : '';
    // A stale sign-in sent here by loginRequired({ fresh }): ask for the password, not back to `next` (a loop).
    const reauthFor = await reauthUsername(ctx, ctx.query.reauth, users);
    if (reauthFor !== undefined) return ctx.render('reauth.njk', { username: reauthFor, next });
    if (ctx.state.user) return ctx.redirect(safeNext(ctx.query.next, home));
    ctx.render('login.njk', { next });
  });

  router.post('/login', async (ctx) => {
    const { username: typed, password, next, reauth } = formFields(ctx, ['username', 'password', 'next', 'reauth']);
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
      ctx.render(reauthFor === undefined ? 'login.njk' : 'reauth.njk', { error: 'Incorrect username or password.', username, next: safeNext(next, '') });
      return;
    }
    await attempt.succeeded();
    await login(ctx, user);
    await users.recordSignIn(user.id);
    if (rehashed) securityLog({ type: 'password.rehashed', userId: user.id, ip: ctx.ip, outcome: 'success' });
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
