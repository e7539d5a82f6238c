/**
 * An app that adds a display name and "accept the terms" to sign-up through `authRoutes`'
 * `signUp` option, as the "Sign-up fields" guide shows (the guide includes the regions below).
 */
import path from 'node:path';
import { onTestFinished } from 'vitest';
import type { Migration } from 'kysely';
import { accountMigrations, type AccountsSchema } from '../../src/accounts/index.js';
import { type AppConfig, createWebApp, readAppConfig, requireAccounts } from '../../src/app/index.js';
import { authRoutes, type SignUpFields } from '../../src/pages/index.js';
import { testAppConfig } from '../../src/testing/index.js';

// #region schema
/** The app's own table: one profile per user. */
export interface ProfilesTable {
  user_id: string;
  display_name: string;
  terms_accepted_at: string;
}

/** The app's database: the shell's accounts plus its own tables. */
export interface AppSchema extends AccountsSchema {
  profiles: ProfilesTable;
}

/** The app's migration, listed after the shell's. */
export const profilesMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable('profiles')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('terms_accepted_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('profiles').execute();
  },
};
// #endregion schema

// #region sign-up
/** A display name (1–64 characters) and the terms, which must be accepted. */
export const profileSignUp: SignUpFields<{ displayName: string }, AppSchema> = {
  fields: ['display_name', 'terms'],
  validate(form) {
    const displayName = (form.display_name ?? '').normalize('NFKC').trim();
    const errors: Record<string, string> = {};
    if (displayName.length < 1 || displayName.length > 64) errors.display_name = 'Enter a display name of 1 to 64 characters.';
    if (form.terms !== 'yes') errors.terms = 'Accept the terms to create an account.';
    return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values: { displayName } };
  },
  async store({ displayName }, user, trx) {
    const now = new Date().toISOString();
    await trx.insertInto('profiles').values({ user_id: user.id, display_name: displayName, terms_accepted_at: now }).execute();
  },
};
// #endregion sign-up

/** Options of {@link signUpApp}. */
export interface SignUpAppOptions {
  /** Config overrides (e.g. a PostgreSQL `databaseUrl`). */
  config?: Partial<AppConfig>;
  /** The sign-up fields and the app's partial; none gives the shell's plain sign-up and views. */
  signUp?: SignUpFields<{ displayName: string }, AppSchema> | undefined;
}

/**
 * The shell with `authRoutes` and the app's sign-up fields, its `register-fields.njk` and its
 * migration; closed when the test finishes.
 *
 * @example
 * const web = await signUpApp({ signUp: profileSignUp });
 */
export async function signUpApp(options: SignUpAppOptions = {}) {
  // Without fields, no app views either: the shell's own form, exactly as an app without the hook has it.
  const appRoot = path.join(import.meta.dirname, options.signUp ? 'sign-up-app' : 'no-app-files');
  const { config } = testAppConfig(readAppConfig({}, { appRoot, appName: 'sign-up' }), { sessionStore: 'memory', ...options.config });
  // #region wiring
  const web = await createWebApp({
    config,
    migrations: { ...accountMigrations, '0100_profiles': profilesMigration },
    routes: (router, services) => {
      authRoutes(router, { ...requireAccounts(services), appName: config.appName, signUp: options.signUp });
    },
  });
  // #endregion wiring
  onTestFinished(() => web.close());
  const { db } = requireAccounts(web.services);
  return { ...web, kysely: db.kysely.withTables<{ profiles: ProfilesTable }>() };
}
