import { MAIL_LIMITS, type SecurityLog } from '@acme/auth-core';
import type { AccountMailer } from '../account-mail/index.js';
import type { AccountTokenStore } from '../accounts/account-tokens.js';
import type { Db } from '../accounts/database.js';
import type { KyselyAccountStore } from '../accounts/kysely-store.js';
import type { AccountsSchema } from '../accounts/schema.js';
import type { MailTask } from '../mail/worker.js';

/** The outbox task kind a forgot-password form queues. */
export const RESET_REQUEST_TASK = 'password-reset-request';

/** What {@link resetRequestTask} needs. */
export interface ResetRequestTaskOptions {
  /** The app's database (the token and the mail are one transaction). */
  db: Db<AccountsSchema>;
  /** Finds the verified address's account. */
  users: KyselyAccountStore;
  /** Issues the reset token. */
  tokens: AccountTokenStore;
  /** Queues the reset mail. */
  mailer: AccountMailer;
  /** Receives `password.reset_requested`. */
  securityLog: SecurityLog;
}

/**
 * The worker's half of a forgot-password request: the form only queues the (normalized) address,
 * so its answer and its timing are the same for every address; here, out of the request, the
 * address is looked up. A request past the per-address limit sends nothing. Only a VERIFIED address of an enabled account gets a link; a newer link
 * voids the older one. Nothing is sent otherwise, and nothing tells the requester which.
 *
 * @example
 * worker.handle(RESET_REQUEST_TASK, resetRequestTask({ db, users, tokens, mailer, securityLog }));
 */
export function resetRequestTask(options: ResetRequestTaskOptions): MailTask {
  const { db, users, tokens, mailer, securityLog } = options;
  return async (payload) => {
    const normalized = typeof payload.email === 'string' ? payload.email : '';
    if (payload.throttled === true) {
      securityLog({ type: 'password.reset_requested', outcome: 'failure', reason: 'throttled' });
      return;
    }
    const user = normalized === '' ? undefined : await users.findByVerifiedEmail(normalized);
    if (!user || user.disabled || user.email === null) {
      securityLog({ type: 'password.reset_requested', outcome: 'failure', reason: user ? 'account_disabled' : 'no_verified_account' });
      return;
    }
    const to = user.email;
    await db.kysely.transaction().execute(async (trx) => {
      const token = await tokens.issue(trx, { userId: user.id, purpose: 'password-reset', authEpoch: user.authEpoch });
      await mailer.queue('password-reset', to, { username: user.username, link: mailer.link(`/password/reset/${token}`), minutes: MAIL_LIMITS.resetTokenMinutes }, trx);
    });
    securityLog({ type: 'password.reset_requested', userId: user.id, outcome: 'success' });
  };
}
