import type Router from '@koa/router';
import type Koa from 'koa';
import { checkEmailAddress, checkPasswordPolicy, MAIL_LIMITS, type PasswordHasher, type PasswordResetThrottles, type SecurityLog, type SessionStore } from '@acme/auth-core';
import { endPreAuth, formFields, readPreAuth, startPreAuth } from '@acme/auth-core/koa';
import type { AccountMailer } from '../account-mail/index.js';
import type { AccountTokenStore } from '../accounts/account-tokens.js';
import type { Db } from '../accounts/database.js';
import type { KyselyAccountStore } from '../accounts/kysely-store.js';
import type { AccountsSchema } from '../accounts/schema.js';
import type { MailOutbox } from '../mail/outbox.js';
import type { MailWorker } from '../mail/worker.js';
import { RESET_REQUEST_TASK, resetRequestTask } from './reset-request-task.js';
import { tooManyAttempts } from './too-many-attempts.js';

/** Where every forgot-password request lands, whatever the address (one answer: no enumeration). */
export const CHECK_INBOX_AFTER_RESET_REQUEST = '/password/forgot/check-your-inbox';

/** The pre-auth record a followed reset link starts. */
const PRE_AUTH_KIND = 'password-reset';

/** What {@link passwordResetRoutes} needs: the app's services. */
export interface PasswordResetRoutesOptions {
  /** The app's database (the token is used up in the transaction that sets the password). */
  db: Db<AccountsSchema>;
  /** Where accounts live. */
  users: KyselyAccountStore;
  /** Hashes the new password. */
  hasher: PasswordHasher;
  /** A completed reset deletes every stored session of the account. */
  sessions: SessionStore;
  /** Reset tokens. */
  tokens: AccountTokenStore;
  /** Queues the reset link and the "password changed" notice. */
  mailer: AccountMailer;
  /** The outbox (the request queues a task) and its worker (which runs it). */
  mail: { outbox: MailOutbox; worker: MailWorker };
  /** Per address and per IP; counted on arrival, never given back. */
  passwordResetThrottles: PasswordResetThrottles;
  /** Receives reset events (never the token or the address). */
  securityLog: SecurityLog;
  /** Refused inside passwords (policy context). */
  appName: string;
}

/** The reset pages carry a token, or follow from one: no Referer may leave them (SEC-RESET-03). */
function noReferrer(ctx: Koa.Context): void {
  ctx.set('Referrer-Policy', 'no-referrer');
}

/** The "link expired or already used" page; it holds no form, so it starts no state. */
function invalidLink(ctx: Koa.Context): void {
  ctx.status = 400;
  ctx.render('reset-password-invalid.njk');
}

/**
 * Registers the password reset (called by `authRoutes`):
 * - `GET/POST /password/forgot` (field `email`): the POST is throttled per IP (429) and per
 *   address (past the limit the task is queued but sends nothing), queues a task with the address
 *   and answers 302 to the same "check your inbox" page for every address. The worker looks it up
 *   and mails a link only to a verified address (`resetRequestTask`).
 * - `GET /password/reset/<token>`: the mailed link. It checks the token without using it up (mail
 *   scanners prefetch links), keeps only its digest in a pre-auth record under a new session id
 *   and answers 302 to `/password/reset`, so the token leaves the address bar and any Referer. A
 *   bad token creates nothing.
 * - `GET/POST /password/reset` (field `new`): the new password passes the policy; the token is
 *   used up in the transaction that sets it (so two tabs succeed once); every session of the
 *   account ends (new `authEpoch`, records deleted); the address gets a notice; the answer is 302
 *   to `/login`: a reset never signs in, so a second factor is still asked.
 */
export function passwordResetRoutes(router: Router, options: PasswordResetRoutesOptions): void {
  const { db, users, hasher, sessions, tokens, mailer, mail, passwordResetThrottles, securityLog, appName } = options;
  mail.worker.handle(RESET_REQUEST_TASK, resetRequestTask(options));

  router.get('/password/forgot', (ctx) => ctx.render('forgot-password.njk'));

  router.get(CHECK_INBOX_AFTER_RESET_REQUEST, (ctx) => ctx.render('check-inbox.njk', { purpose: 'reset' }));

  router.post('/password/forgot', async (ctx) => {
    const { email: typed } = formFields(ctx, ['email']);
    const fromIp = await passwordResetThrottles.ip.attempt(ctx.ip);
    if (!fromIp.allowed) return tooManyAttempts(ctx, fromIp.retryAfterSeconds, 'password reset requests from this network');
    const email = checkEmailAddress(typed);
    if (!email.ok) {
      ctx.status = 400;
      return ctx.render('forgot-password.njk', { error: email.reason, email: typed.slice(0, 254) });
    }
    // Every submission is queued, so the answer and its timing are one for every address; past
    // the per-address limit the worker just sends nothing.
    const forAddress = await passwordResetThrottles.address.attempt(email.normalized);
    await mail.outbox.enqueueTask(db.kysely, RESET_REQUEST_TASK, { email: email.normalized, throttled: !forAddress.allowed });
    ctx.redirect(CHECK_INBOX_AFTER_RESET_REQUEST);
  });

  router.get('/password/reset/:token', async (ctx) => {
    noReferrer(ctx);
    const record = await tokens.check({ token: ctx.params.token ?? '' }, 'password-reset');
    if (!record) {
      securityLog({ type: 'password.reset_refused', ip: ctx.ip, outcome: 'failure', reason: 'invalid_token' });
      return invalidLink(ctx);
    }
    await startPreAuth(ctx, PRE_AUTH_KIND, { digest: record.digest }, MAIL_LIMITS.resetPreAuthMinutes * 60_000);
    ctx.redirect('/password/reset');
  });

  router.get('/password/reset', async (ctx) => {
    noReferrer(ctx);
    const digest = readPreAuth(ctx, PRE_AUTH_KIND)?.digest;
    const record = typeof digest === 'string' ? await tokens.check({ digest }, 'password-reset') : undefined;
    if (!record) return invalidLink(ctx);
    ctx.render('reset-password.njk');
  });

  router.post('/password/reset', async (ctx) => {
    noReferrer(ctx);
    const { new: password } = formFields(ctx, ['new']);
    const digest = readPreAuth(ctx, PRE_AUTH_KIND)?.digest;
    const record = typeof digest === 'string' ? await tokens.check({ digest }, 'password-reset') : undefined;
    const account = record ? await users.findById(record.userId) : undefined;
    if (!record || !account) {
      endPreAuth(ctx);
      return invalidLink(ctx);
    }
    const policy = checkPasswordPolicy(password, { username: account.username, appName });
    if (!policy.ok) {
      ctx.status = 400;
      return ctx.render('reset-password.njk', { error: policy.reason });
    }
    const passwordHash = await hasher.hash(password);
    const updated = await db.kysely.transaction().execute(async (trx) => {
      const used = await tokens.use(record.digest, 'password-reset', trx);
      return used ? users.changePassword(used.userId, passwordHash, trx) : undefined;
    });
    endPreAuth(ctx);
    if (!updated) return invalidLink(ctx);
    await sessions.destroyByUser(updated.id);
    await mailer.notify(updated, 'password-changed', { viaReset: true });
    securityLog({ type: 'password.reset', userId: updated.id, ip: ctx.ip, outcome: 'success' });
    ctx.redirect('/login');
  });
}
