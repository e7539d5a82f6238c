import type Router from '@koa/router';
import { type Account, checkEmailAddress, checkPasswordPolicy, checkUsername, type PasswordHasher, type RequestThrottle, type SecurityLog, UsernameTakenError } from '@acme/auth-core';
import { formFields } from '@acme/auth-core/koa';
import type { Transaction } from 'kysely';
import type { AccountMailer } from '../account-mail/index.js';
import type { AccountTokenStore } from '../accounts/account-tokens.js';
import { EmailTakenError, type KyselyAccountStore } from '../accounts/kysely-store.js';
import type { AccountsSchema } from '../accounts/schema.js';
import { assertSignUpFields, type SignUpFields } from './sign-up-fields.js';
import { tooManyAttempts } from './too-many-attempts.js';

/** Where every sign-up lands, whether its address was new or taken (one answer: no enumeration). */
export const CHECK_INBOX_AFTER_SIGN_UP = '/register/check-your-inbox';

/** What {@link registrationRoutes} needs: the app's services. */
export interface RegistrationRoutesOptions<Values = unknown, Schema extends AccountsSchema = AccountsSchema> {
  /** Where accounts live. */
  users: KyselyAccountStore;
  /** Hashes the new password. */
  hasher: PasswordHasher;
  /** Limits sign-ups per IP (counts requests: never given back). */
  registrationThrottle: RequestThrottle;
  /** Issues the verification token. */
  tokens: AccountTokenStore;
  /** Queues the verification mail, or the notice to an address's owner. */
  mailer: AccountMailer;
  /** Receives sign-up events. */
  securityLog: SecurityLog;
  /** Refused inside passwords (policy context). */
  appName: string;
  /** Whether the sign-up form requires an email address. Default `'required'`. */
  email?: 'required' | 'optional' | undefined;
  /** The app's own sign-up fields; see `authRoutes`. */
  signUp?: SignUpFields<Values, Schema> | undefined;
}

/** Thrown inside the sign-up transaction to roll the new account back: the address has an owner. */
class AddressHasOwner extends Error {}

/**
 * Registers `GET/POST /register` and `GET /register/check-your-inbox` (called by `authRoutes`).
 *
 * A sign-up never signs in. With a new address it creates the account, its unverified address and
 * a verification token, and queues the verification mail, all in one transaction. With an address
 * another account has verified it creates nothing and mails that owner a notice instead. Both
 * answer the same 302 to the "check your inbox" page (SEC-MAIL-01); the username is checked
 * first (by the same insert, rolled back), so a taken username cannot turn the answer into an
 * oracle for addresses. An unverified claim never blocks the real owner: they register too, and
 * whoever follows a link first owns the address.
 */
export function registrationRoutes<Values, Schema extends AccountsSchema>(router: Router, options: RegistrationRoutesOptions<Values, Schema>): void {
  const { users, hasher, registrationThrottle, tokens, mailer, securityLog, appName, signUp } = options;
  const emailRequired = (options.email ?? 'required') === 'required';
  if (signUp) assertSignUpFields(signUp);
  const extraNames = signUp?.fields ?? [];

  router.get('/register', (ctx) => ctx.render('register.njk', { form: {}, errors: {}, emailRequired }));

  router.get(CHECK_INBOX_AFTER_SIGN_UP, (ctx) => ctx.render('check-inbox.njk', { purpose: 'sign-up' }));

  router.post('/register', async (ctx) => {
    const { username, email: typedEmail, password } = formFields(ctx, ['username', 'email', 'password']);
    const form: Readonly<Record<string, string>> = formFields(ctx, extraNames);
    const decision = await registrationThrottle.attempt(ctx.ip);
    if (!decision.allowed) return tooManyAttempts(ctx, decision.retryAfterSeconds, 'sign-ups from this network');
    const fail = (error: string | undefined, name: string, errors: Readonly<Record<string, string>> = {}) => {
      ctx.status = 400;
      ctx.render('register.njk', { error, username: name, email: typedEmail.slice(0, 254), form, errors, emailRequired });
    };
    const name = checkUsername(username);
    if (!name.ok) return fail(name.reason, username.normalize('NFKC').trim());
    const email = typedEmail.trim() === '' && !emailRequired ? undefined : checkEmailAddress(typedEmail);
    if (email && !email.ok) return fail(email.reason, name.username);
    const policy = checkPasswordPolicy(password, { username: name.username, appName });
    if (!policy.ok) return fail(policy.reason, name.username);
    const extra = signUp?.validate(form);
    if (extra && !extra.ok) return fail(undefined, name.username, extra.errors);
    const passwordHash = await hasher.hash(password);
    const owner = email ? await users.findByVerifiedEmail(email.normalized) : undefined;
    const alsoWrite = async (user: Account, trx: Transaction<AccountsSchema>) => {
      if (owner) throw new AddressHasOwner();
      // The app's migrations made its tables: kysely's schema type is compile-time only.
      if (signUp && extra?.ok) await signUp.store(extra.values, user, trx as unknown as Transaction<Schema>);
      if (!email) return;
      await users.setEmail(user.id, email, false, trx);
      const token = await tokens.issue(trx, { userId: user.id, purpose: 'email-verification', authEpoch: user.authEpoch, email });
      await mailer.queue('verify-email', email.address, { username: user.username, email: email.address, link: mailer.link(`/email/verify/${token}`) }, trx);
    };
    try {
      const user = await users.create(name.username, passwordHash, alsoWrite);
      securityLog({ type: 'user.registered', username: user.username, userId: user.id, ip: ctx.ip, outcome: 'success' });
      if (email) securityLog({ type: 'email.verification_sent', userId: user.id, ip: ctx.ip, outcome: 'success' });
    } catch (error) {
      if (error instanceof UsernameTakenError) return fail('That username is taken. Choose another one.', name.username);
      if (!(error instanceof AddressHasOwner || error instanceof EmailTakenError)) throw error;
      const holder = owner ?? (email ? await users.findByVerifiedEmail(email.normalized) : undefined);
      if (holder?.email) await mailer.queue('registration-attempt', holder.email, { username: holder.username, loginLink: mailer.link('/login'), forgotLink: mailer.link('/password/forgot') });
      securityLog({ type: 'user.registration_refused', userId: holder?.id, ip: ctx.ip, outcome: 'failure', reason: 'email_taken' });
    }
    ctx.redirect(email ? CHECK_INBOX_AFTER_SIGN_UP : '/login');
  });
}
