import type Router from '@koa/router';
import type Koa from 'koa';
import { digestToken, type SecurityLog } from '@acme/auth-core';
import { formFields } from '@acme/auth-core/koa';
import type { AccountMailer } from '../account-mail/index.js';
import type { AccountTokenStore } from '../accounts/account-tokens.js';
import type { Db } from '../accounts/database.js';
import { EmailTakenError, type KyselyAccountStore } from '../accounts/kysely-store.js';
import type { AccountsSchema } from '../accounts/schema.js';

/** What {@link emailVerificationRoutes} needs: the app's services. */
export interface EmailVerificationRoutesOptions {
  /** The app's database (the token is used up in the transaction that verifies the address). */
  db: Db<AccountsSchema>;
  /** Where accounts live. */
  users: KyselyAccountStore;
  /** Verification tokens. */
  tokens: AccountTokenStore;
  /** Queues the "email changed" notice to the old address. */
  mailer: AccountMailer;
  /** Receives `email.verified` and `email.changed`. */
  securityLog: SecurityLog;
}

function invalidLink(ctx: Koa.Context): void {
  ctx.status = 400;
  ctx.render('verify-email-invalid.njk');
}

/**
 * Registers the mailed verification link (called by `authRoutes`): `GET /email/verify/<token>`
 * only shows a "confirm your address" form (mail scanners prefetch links, and a GET changes
 * nothing: SEC-CSRF-05); its `POST` uses the token up and verifies the address, in one
 * transaction that also drops other accounts' unverified claims on it. When the address replaces
 * a verified one (a change from `/account/email`), the old address gets a notice. Works signed in
 * or not; the link itself is the proof.
 */
export function emailVerificationRoutes(router: Router, options: EmailVerificationRoutesOptions): void {
  const { db, users, tokens, mailer, securityLog } = options;

  router.get('/email/verify/:token', async (ctx) => {
    ctx.set('Referrer-Policy', 'no-referrer');
    const token = ctx.params.token ?? '';
    const record = await tokens.check({ token }, 'email-verification');
    if (!record?.email) return invalidLink(ctx);
    ctx.render('verify-email.njk', { token, email: record.email.address });
  });

  router.post('/email/verify/:token', async (ctx) => {
    ctx.set('Referrer-Policy', 'no-referrer');
    formFields(ctx, []);
    const digest = digestToken(ctx.params.token ?? '');
    const record = digest === undefined ? undefined : await tokens.check({ digest }, 'email-verification');
    const before = record ? await users.findById(record.userId) : undefined;
    if (!digest || !record?.email || !before) return invalidLink(ctx);
    const email = record.email;
    const previous = before.emailVerified && before.email !== null && before.email.toLowerCase() !== email.normalized ? before.email : undefined;
    let verified: boolean;
    try {
      verified = await db.kysely.transaction().execute(async (trx) => {
        if (!(await tokens.use(digest, 'email-verification', trx))) return false;
        await users.verifyEmail(before.id, email, trx);
        if (previous !== undefined) await mailer.queue('email-changed', previous, { username: before.username, newEmail: email.address, forgotLink: mailer.link('/password/forgot') }, trx);
        return true;
      });
    } catch (error) {
      if (!(error instanceof EmailTakenError)) throw error;
      ctx.status = 409;
      return ctx.render('verify-email-invalid.njk', { taken: true });
    }
    if (!verified) return invalidLink(ctx);
    securityLog({ type: previous === undefined ? 'email.verified' : 'email.changed', userId: before.id, ip: ctx.ip, outcome: 'success' });
    ctx.render('email-verified.njk', { email: email.address, signedIn: ctx.state.user !== undefined });
  });
}
