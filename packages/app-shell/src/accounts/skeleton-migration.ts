import type { Kysely, Migration } from 'kysely';
import type { AccountsSchema } from './schema.js';
import { usernameSkeleton } from '@acme/auth-core';

/**
 * Adds `users.username_skeleton` with a unique index, so that names that look alike (`admin`
 * and `аdmin` with a Cyrillic а) cannot both exist. Existing rows get their skeleton computed
 * here, oldest account first; an account whose skeleton an older one already holds keeps a null
 * skeleton (both names existed before the rule: neither is renamed or locked out, and both still
 * sign in) — find them with `WHERE username_skeleton IS NULL` and rename one if needed. Both
 * SQLite and PostgreSQL let a unique index hold several nulls.
 */
export const usernameSkeletonMigration: Migration = {
  async up(untyped: Kysely<unknown>) {
    const db = untyped as Kysely<AccountsSchema>;
    await db.schema.alterTable('users').addColumn('username_skeleton', 'text').execute();
    const rows = await db.selectFrom('users').select(['id', 'username']).orderBy('created_at').orderBy('id').execute();
    const taken = new Set<string>();
    for (const row of rows) {
      const skeleton = usernameSkeleton(row.username);
      if (taken.has(skeleton)) continue;
      taken.add(skeleton);
      await db.updateTable('users').set({ username_skeleton: skeleton }).where('id', '=', row.id).execute();
    }
    await db.schema.createIndex('users_username_skeleton_unique').unique().on('users').column('username_skeleton').execute();
  },
  async down(untyped: Kysely<unknown>) {
    await untyped.schema.dropIndex('users_username_skeleton_unique').execute();
    await untyped.schema.alterTable('users').dropColumn('username_skeleton').execute();
  },
};
