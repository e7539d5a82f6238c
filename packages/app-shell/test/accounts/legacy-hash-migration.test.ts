import { createPasswordHasher, type PasswordHasher, testOnlyScryptParams, verifyLogin, WRAPPED_LEGACY_PREFIX } from '@acme/auth-core';
import { describe, expect, it } from 'vitest';
import { accountMigrations, type AccountsSchema, type Db, KyselyAccountStore, migrateToLatest, openDatabase, wrapLegacyHashesMigration } from '../../src/accounts/index.js';
import { freshPostgresDatabase } from '../services.js';

// The legacy Werkzeug vector of auth-core's test/fixtures/werkzeug-vectors.json (werkzeug 2.2.2, HMAC sha256).
const LEGACY_HASH = 'sha256$QqqDolgl5P47FZmy$f39946f7e0f942adaf91df1589665451ab084bdb749616cff7de8008de7212a3';
const LEGACY_PASSWORD = 'correct horse battery staple';
const FAST = testOnlyScryptParams({ logN: 10 });

async function readyHasher(): Promise<PasswordHasher> {
  const hasher = createPasswordHasher({ params: FAST });
  await hasher.dummyHash();
  return hasher;
}

function migrationSuite(label: string, open: () => Promise<{ db: Db<AccountsSchema>; done: () => Promise<void> }>) {
  it(`SEC-HASH-03 the migration wraps a seeded legacy row on ${label}; the next login upgrades it to plain scrypt of the NFKC password`, async () => {
    const { db, done } = await open();
    try {
      const before = { '0001_users': accountMigrations['0001_users'], '0002_user_roles': accountMigrations['0002_user_roles'] };
      await migrateToLatest(db.kysely, before as typeof accountMigrations);
      const hasher = await readyHasher();
      const modern = await hasher.hash('violet kettle harbor moon');
      const time = new Date().toISOString();
      await db.kysely
        .insertInto('users')
        .values([
          { id: 'legacy', username: 'flask', username_normalized: 'flask', password_hash: LEGACY_HASH, created_at: time, updated_at: time },
          { id: 'modern', username: 'node', username_normalized: 'node', password_hash: modern, created_at: time, updated_at: time },
        ])
        .execute();
      await migrateToLatest(db.kysely, { ...accountMigrations, '0003_wrap_legacy_hashes': wrapLegacyHashesMigration(FAST) });

      const users = new KyselyAccountStore(db.kysely);
      const wrapped = (await users.findById('legacy'))?.passwordHash ?? '';
      expect(wrapped.startsWith(`${WRAPPED_LEGACY_PREFIX}sha256$QqqDolgl5P47FZmy$`)).toBe(true);
      expect((await users.findById('modern'))?.passwordHash).toBe(modern);

      const login = async (password: string) => {
        const user = await users.findByUsername('flask');
        return verifyLogin({ hasher, user, password, saveHash: (hash) => (user ? users.replaceHash(user.id, hash) : Promise.resolve()) });
      };
      await expect(login('wrong password')).resolves.toEqual({ ok: false, rehashed: false });
      expect((await users.findById('legacy'))?.passwordHash).toBe(wrapped);
      await expect(login(LEGACY_PASSWORD)).resolves.toEqual({ ok: true, rehashed: true });
      const upgraded = (await users.findById('legacy'))?.passwordHash ?? '';
      expect(upgraded).toMatch(/^c2NyeXB0[A-Za-z0-9+/]{120}$/);
      await expect(hasher.verify(upgraded, LEGACY_PASSWORD)).resolves.toEqual({ ok: true, needsRehash: false });
    } finally {
      await db.kysely.destroy();
      await done();
    }
  });
}

describe('wrapLegacyHashesMigration', () => {
  migrationSuite('SQLite', () => Promise.resolve({ db: openDatabase<AccountsSchema>(':memory:'), done: () => Promise.resolve() }));
  migrationSuite('PostgreSQL', async () => {
    const fresh = await freshPostgresDatabase();
    return { db: openDatabase<AccountsSchema>(fresh.url), done: () => fresh.drop() };
  });
});
