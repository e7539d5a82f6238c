import { sql, type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { wrapLegacyHashesMigration } from './legacy-hash-migration.js';
import { accountTokensMigration } from './account-tokens-migration.js';
import { userEmailMigration } from './email-migration.js';
import { mailOutboxMigration } from './mail-outbox-migration.js';
import { twoFactorMigration } from './two-factor-migration.js';
import { usernameSkeletonMigration } from './skeleton-migration.js';

/**
 * The account migrations, in order: the `users` table, roles, legacy Werkzeug hashes wrapped in
 * scrypt (with the default params; replace that entry with `wrapLegacyHashesMigration(params)`
 * for others), the unique look-alike skeleton of each username, the time of the last sign-in, the email address (unique among verified ones), the mail outbox, the mailed reset and verification tokens, the second factor (TOTP, recovery codes, passkeys). Spread them into an app's own
 * list (`{ ...accountMigrations, '0100_orders': … }`); never edit one that has shipped.
 */
export const accountMigrations: Readonly<Record<string, Migration>> = {
  '0001_users': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('username_normalized', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('auth_epoch', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('users').execute();
    },
  },
  '0002_user_roles': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('users').addColumn('roles', 'text', (c) => c.notNull().defaultTo('')).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('users').dropColumn('roles').execute();
    },
  },
  '0003_wrap_legacy_hashes': wrapLegacyHashesMigration(),
  '0004_username_skeleton': usernameSkeletonMigration,
  '0005_last_sign_in': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('users').addColumn('last_sign_in_at', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('users').dropColumn('last_sign_in_at').execute();
    },
  },
  '0006_user_email': userEmailMigration,
  '0007_mail_outbox': mailOutboxMigration,
  '0008_account_tokens': accountTokensMigration,
  '0009_two_factor': twoFactorMigration,
};

/**
 * Brings the schema up to date with `migrations` (by default the account migrations); apps run it
 * at start. Throws with the failing migration's name.
 *
 * @example
 * await migrateToLatest(db.kysely, { ...accountMigrations, ...myMigrations });
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- kysely's Migrator works on any schema
export async function migrateToLatest(db: Kysely<any>, migrations: Readonly<Record<string, Migration>> = accountMigrations): Promise<void> {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve({ ...migrations }) };
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : 'see cause'}`, { cause: error });
  }
}

/**
 * Resolves when the database answers a trivial query (for `/healthz`).
 *
 * @example
 * await pingDatabase(db.kysely);
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a ping needs no schema
export async function pingDatabase(db: Kysely<any>): Promise<void> {
  await sql`select 1`.execute(db);
}
