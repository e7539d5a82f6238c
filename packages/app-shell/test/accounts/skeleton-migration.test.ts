import { describe, expect, it } from 'vitest';
import { accountMigrations, type AccountsSchema, type Db, KyselyAccountStore, migrateToLatest, openDatabase } from '../../src/accounts/index.js';
import { usernameSkeleton, UsernameTakenError } from '@acme/auth-core';
import { freshPostgresDatabase } from '../services.js';

/** The migrations an app had before the skeleton column. */
const BEFORE = Object.fromEntries(Object.entries(accountMigrations).filter(([name]) => name < '0004')) as typeof accountMigrations;

function suite(label: string, open: () => Promise<{ db: Db<AccountsSchema>; done: () => Promise<void> }>) {
  it(`adds a unique skeleton on ${label}, computed for existing rows; an older look-alike keeps it, both still sign in`, async () => {
    const { db, done } = await open();
    try {
      await migrateToLatest(db.kysely, BEFORE);
      const row = (id: string, username: string, createdAt: string) => ({
        id,
        username,
        username_normalized: username.toLowerCase(),
        password_hash: 'h',
        created_at: createdAt,
        updated_at: createdAt,
      });
      await db.kysely
        .insertInto('users')
        .values([row('late', '\u0430dmin', '2025-02-01T00:00:00.000Z'), row('early', 'Admin', '2025-01-01T00:00:00.000Z'), row('bob', 'bob', '2025-03-01T00:00:00.000Z')])
        .execute();
      await migrateToLatest(db.kysely, accountMigrations);

      const skeletons = await db.kysely.selectFrom('users').select(['id', 'username_skeleton']).orderBy('id').execute();
      expect(skeletons).toEqual([
        { id: 'bob', username_skeleton: usernameSkeleton('bob') },
        { id: 'early', username_skeleton: usernameSkeleton('admin') },
        { id: 'late', username_skeleton: null },
      ]);
      const users = new KyselyAccountStore(db.kysely);
      await expect(users.findByUsername('admin')).resolves.toMatchObject({ id: 'early' });
      await expect(users.findByUsername('\u0430dmin')).resolves.toMatchObject({ id: 'late' });
      await expect(users.create('adm\u0131n', 'h')).rejects.toBeInstanceOf(UsernameTakenError);
      await expect(users.create('b\u043Eb', 'h')).rejects.toBeInstanceOf(UsernameTakenError);
      await expect(users.create('carol', 'h')).resolves.toMatchObject({ username: 'carol' });
    } finally {
      await db.kysely.destroy();
      await done();
    }
  });
}

describe('0004_username_skeleton', () => {
  suite('SQLite', () => Promise.resolve({ db: openDatabase<AccountsSchema>(':memory:'), done: () => Promise.resolve() }));
  suite('PostgreSQL', async () => {
    const fresh = await freshPostgresDatabase();
    return { db: openDatabase<AccountsSchema>(fresh.url), done: () => fresh.drop() };
  });
});
