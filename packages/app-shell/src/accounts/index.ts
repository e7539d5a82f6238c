/** User accounts on SQLite or PostgreSQL through kysely, with the migrations that create them. */
export { isPostgresUrl, openDatabase, prepareLookup, type Db, type LookupOptions } from './database.js';
export { AccountTokenStore, TOKEN_LIFETIME_MS, type TokenPurpose, type TokenRecord } from './account-tokens.js';
export { EmailTakenError, KyselyAccountStore, type StoredAccount } from './kysely-store.js';
export { wrapLegacyHashesMigration } from './legacy-hash-migration.js';
export { TwoFactorStore, type StoredPasskey } from './two-factor-store.js';
export { accountMigrations, migrateToLatest, pingDatabase } from './migrations.js';
export type { AccountsSchema, AccountTokensTable, MailOutboxTable, PasskeysTable, RecoveryCodesTable, UsersTable } from './schema.js';
