import type { Kysely, Migration } from 'kysely';

/**
 * Adds `account_tokens`: the single-use tokens mailed in password-reset and email-verification
 * links. Only each token's SHA-256 digest is stored (a database leak yields no usable link). A
 * token is bound to the account's `auth_epoch` when it was issued, so any password change (which
 * bumps the epoch) voids every reset link at once; `email` is the address a verification link
 * proves.
 */
export const accountTokensMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('account_tokens')
      .addColumn('digest', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('auth_epoch', 'integer', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('email_normalized', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex('account_tokens_user').on('account_tokens').columns(['user_id', 'purpose']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('account_tokens').execute();
  },
};
