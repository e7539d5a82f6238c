import { createSecretToken, digestToken, MAIL_LIMITS } from '@acme/auth-core';
import type { Kysely, Transaction } from 'kysely';
import type { AccountsSchema } from './schema.js';

/** What a mailed token lets its holder do. */
export type TokenPurpose = 'password-reset' | 'email-verification';

/** How long each kind of token works (SECURITY.md § Account recovery). */
export const TOKEN_LIFETIME_MS: Readonly<Record<TokenPurpose, number>> = {
  'password-reset': MAIL_LIMITS.resetTokenMinutes * 60_000,
  'email-verification': MAIL_LIMITS.verificationTokenHours * 3_600_000,
};

/** A live token's record: whose it is and, for a verification, the address it proves. */
export interface TokenRecord {
  /** The token's digest (what a pre-auth record keeps instead of the token). */
  digest: string;
  /** The account it acts for. */
  userId: string;
  /** The address a verification token proves; null for a reset. */
  email: { address: string; normalized: string } | null;
}

/** Where tokens are written: the store's database or a transaction of the caller. */
type Executor = Kysely<AccountsSchema> | Transaction<AccountsSchema>;

/**
 * The single-use tokens of password-reset and verification links, in `account_tokens`. A token is
 * 256 bits from the CSPRNG and only its SHA-256 digest is stored. Issuing one voids the unused
 * tokens of the same purpose (a newer link replaces an older one); a token also dies with any
 * password change (it is bound to the account's `auth_epoch`), when the account is disabled,
 * when it expires, and once used: `use` is one conditional UPDATE, so two parallel uses of one
 * token succeed once.
 *
 * @example
 * const token = await tokens.issue(db, { userId, purpose: 'password-reset', authEpoch });
 * const record = await tokens.use(token, 'password-reset'); // undefined the second time
 */
export class AccountTokenStore {
  /**
   * @param db - the app's database (with `accountMigrations`).
   * @param now - the clock in ms since the epoch (a fake one in tests).
   */
  constructor(
    private readonly db: Kysely<AccountsSchema>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Makes a token for `userId` and returns it (to be mailed: it is not stored). Pass a transaction to make it part of one. */
  async issue(executor: Executor, token: { userId: string; purpose: TokenPurpose; authEpoch: number; email?: { address: string; normalized: string } | undefined }): Promise<string> {
    const { token: secret, digest } = createSecretToken();
    const now = this.now();
    await executor.deleteFrom('account_tokens').where('user_id', '=', token.userId).where('purpose', '=', token.purpose).where('used_at', 'is', null).execute();
    await executor
      .insertInto('account_tokens')
      .values({
        digest,
        user_id: token.userId,
        purpose: token.purpose,
        auth_epoch: token.authEpoch,
        email: token.email?.address ?? null,
        email_normalized: token.email?.normalized ?? null,
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + TOKEN_LIFETIME_MS[token.purpose]).toISOString(),
        used_at: null,
      })
      .execute();
    return secret;
  }

  /**
   * The record of a live token (unused, unexpired, its account enabled and on the same
   * `auth_epoch`) without using it up: mail scanners fetch links too. `token` is the raw token
   * from a URL or a digest from a pre-auth record; anything malformed is `undefined`.
   */
  async check(tokenOrDigest: { token: string } | { digest: string }, purpose: TokenPurpose): Promise<TokenRecord | undefined> {
    const digest = 'token' in tokenOrDigest ? digestToken(tokenOrDigest.token) : /^[0-9a-f]{64}$/.test(tokenOrDigest.digest) ? tokenOrDigest.digest : undefined;
    if (digest === undefined) return undefined;
    const row = await this.live(this.db, digest, purpose)
      .select(['t.digest', 't.user_id', 't.email', 't.email_normalized'])
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /**
   * Uses a live token up, atomically: of two parallel calls one gets the record, the other
   * `undefined`. Pass a transaction so the change it authorizes commits with it.
   */
  async use(digest: string, purpose: TokenPurpose, executor: Executor = this.db): Promise<TokenRecord | undefined> {
    const now = new Date(this.now()).toISOString();
    const liveDigest = this.live(executor, digest, purpose).select('t.digest');
    const row = await executor
      .updateTable('account_tokens')
      .set({ used_at: now })
      .where('digest', 'in', liveDigest)
      .where('used_at', 'is', null)
      .returning(['digest', 'user_id', 'email', 'email_normalized'])
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** Deletes tokens that expired or were used more than a day ago (housekeeping). */
  async purgeStale(): Promise<number> {
    const dayAgo = new Date(this.now() - 86_400_000).toISOString();
    const result = await this.db
      .deleteFrom('account_tokens')
      .where((eb) => eb.or([eb('expires_at', '<', dayAgo), eb('used_at', '<', dayAgo)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Tokens of `purpose` that are unused, unexpired, and whose account is enabled and on the issuing epoch. */
  private live(executor: Executor, digest: string, purpose: TokenPurpose) {
    const now = new Date(this.now()).toISOString();
    return executor
      .selectFrom('account_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .where('t.digest', '=', digest)
      .where('t.purpose', '=', purpose)
      .where('t.used_at', 'is', null)
      .where('t.expires_at', '>', now)
      .where('u.disabled', '=', 0)
      .whereRef('u.auth_epoch', '=', 't.auth_epoch');
  }
}

function toRecord(row: { digest: string; user_id: string; email: string | null; email_normalized: string | null }): TokenRecord {
  return {
    digest: row.digest,
    userId: row.user_id,
    email: row.email !== null && row.email_normalized !== null ? { address: row.email, normalized: row.email_normalized } : null,
  };
}
