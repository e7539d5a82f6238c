/** User accounts on SQLite or PostgreSQL through kysely, with the migrations that create them. */
export { isPostgresUrl, openDatabase, prepareLookup, type Db } from './database.js';
export { EmailTakenError, KyselyAccountStore } from './kysely-store.js';
export { wrapLegacyHashesMigration } from './legacy-hash-migration.js';
export { accountMigrations, migrateToLatest, pingDatabase } from './migrations.js';
export type { AccountsSchema, UsersTable } from './schema.js';
