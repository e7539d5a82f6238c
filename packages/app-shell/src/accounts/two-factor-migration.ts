import type { Kysely, Migration } from 'kysely';

/**
 * Adds the second factor's storage: on `users`, the TOTP secret (sealed with DATA_KEYS, never in
 * clear), the last accepted time step (replay protection by compare-and-set) and when 2FA was
 * turned on; `recovery_codes` (SHA-256 digests, each used at most once) and `passkeys` (WebAuthn
 * credentials with their signature counter and backup flags).
 */
export const twoFactorMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
    await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute();
    await db.schema.alterTable('users').addColumn('two_factor_enabled_at', 'text').execute();
    await db.schema
      .createTable('recovery_codes')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('digest', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addPrimaryKeyConstraint('recovery_codes_pk', ['user_id', 'digest'])
      .execute();
    await db.schema
      .createTable('passkeys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('counter', 'bigint', (c) => c.notNull())
      .addColumn('transports', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('device_type', 'text', (c) => c.notNull())
      .addColumn('backed_up', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .execute();
    await db.schema.createIndex('passkeys_user').on('passkeys').column('user_id').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('passkeys').execute();
    await db.schema.dropTable('recovery_codes').execute();
    for (const column of ['two_factor_enabled_at', 'totp_last_step', 'totp_secret']) await db.schema.alterTable('users').dropColumn(column).execute();
  },
};
