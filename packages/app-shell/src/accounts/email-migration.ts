import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Adds an email address to accounts: `email` (as typed), `email_normalized` (the comparison form,
 * `checkEmailAddress`) and `email_verified_at` (null until the address is proven, or set by an
 * operator with `pnpm users create --email`). The unique index covers verified addresses only:
 * an unverified claim never blocks the address's real owner, who can still verify it (no
 * pre-account hijacking). SQLite and PostgreSQL both support the partial index.
 */
export const userEmailMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('users').addColumn('email', 'text').execute();
    await db.schema.alterTable('users').addColumn('email_normalized', 'text').execute();
    await db.schema.alterTable('users').addColumn('email_verified_at', 'text').execute();
    await db.schema
      .createIndex('users_verified_email_unique')
      .unique()
      .on('users')
      .column('email_normalized')
      .where(sql.ref('email_verified_at'), 'is not', null)
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('users_verified_email_unique').execute();
    for (const column of ['email_verified_at', 'email_normalized', 'email']) await db.schema.alterTable('users').dropColumn(column).execute();
  },
};
