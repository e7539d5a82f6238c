import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountMigrations, type AccountsSchema, type Db, EmailTakenError, KyselyAccountStore, migrateToLatest, openDatabase } from '../../src/accounts/index.js';
import { checkEmailAddress, checkUsername, hasRole, UsernameTakenError } from '@acme/auth-core';
import { freshPostgresDatabase, freshSqliteDatabase } from '../services.js';

/** The same promises on both databases an app may use. */
function accountStoreSuite(label: string, open: () => Promise<{ db: Db<AccountsSchema>; done: () => Promise<void> }>) {
  describe(`KyselyAccountStore on ${label}`, () => {
    let db: Db<AccountsSchema>;
    let done: () => Promise<void>;
    let users: KyselyAccountStore;
    beforeAll(async () => {
      ({ db, done } = await open());
      await migrateToLatest(db.kysely, accountMigrations);
      users = new KyselyAccountStore(db.kysely, () => Date.UTC(2026, 0, 1));
    });
    afterAll(async () => {
      await db.kysely.destroy();
      await done();
    });

    it('creates an account and finds it by id and by any spelling of its name', async () => {
      const alice = await users.create(' Alice ', 'hash-1');
      expect(alice).toMatchObject({ username: 'Alice', authEpoch: 1, disabled: false, roles: [] });
      await expect(users.findById(alice.id)).resolves.toMatchObject({ username: 'Alice', passwordHash: 'hash-1' });
      await expect(users.findByUsername('ａｌｉｃｅ')).resolves.toMatchObject({ id: alice.id });
      await expect(users.findByUsername('nobody')).resolves.toBeUndefined();
    });

    it('keeps a verified email address to one account (any case), while unverified claims never block it; records sign-ins', async () => {
      const address = (raw: string) => {
        const checked = checkEmailAddress(raw);
        if (!checked.ok) throw new Error(checked.reason);
        return checked;
      };
      const owner = await users.create('mail-owner', 'h');
      const squatter = await users.create('mail-squatter', 'h');
      await users.setEmail(squatter.id, address('owner@example.com'), false);
      await users.setEmail(owner.id, address('Owner@Example.com'), true);
      await expect(users.setEmail(squatter.id, address('OWNER@example.com'), true)).rejects.toBeInstanceOf(EmailTakenError);
      await users.recordSignIn(owner.id);
      const listed = await users.list();
      expect(listed.find((u) => u.id === owner.id)).toMatchObject({ email: 'Owner@Example.com', emailVerified: true, lastSignInAt: '2026-01-01T00:00:00.000Z' });
      expect(listed.find((u) => u.id === squatter.id)).toMatchObject({ email: 'owner@example.com', emailVerified: false, lastSignInAt: null });
    });

    it('refuses a second account whose name differs only in case or width', async () => {
      await expect(users.create('ALICE', 'hash-2')).rejects.toBeInstanceOf(UsernameTakenError);
      const racers = await Promise.allSettled(Array.from({ length: 5 }, () => users.create('racer', 'h')));
      expect(racers.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });

    it('bumps authEpoch on a password change and on "log out everywhere", not on a rehash', async () => {
      const bob = await users.create('bob', 'old');
      await users.replaceHash(bob.id, 'rehashed');
      await expect(users.findById(bob.id)).resolves.toMatchObject({ passwordHash: 'rehashed', authEpoch: 1 });
      await expect(users.changePassword(bob.id, 'new')).resolves.toMatchObject({ passwordHash: 'new', authEpoch: 2 });
      await users.bumpAuthEpoch(bob.id);
      await expect(users.findById(bob.id)).resolves.toMatchObject({ authEpoch: 3 });
      await users.setDisabled(bob.id, true);
      await expect(users.findById(bob.id)).resolves.toMatchObject({ disabled: true });
    });

    it('stores roles, and refuses role names that could break the list', async () => {
      const carol = await users.create('carol', 'h');
      await users.setRoles(carol.id, ['admin', 'billing', 'admin']);
      const stored = await users.findById(carol.id);
      expect(stored?.roles).toEqual(['admin', 'billing']);
      expect(stored && hasRole(stored, 'admin')).toBe(true);
      expect(stored && hasRole(stored, 'root')).toBe(false);
      await expect(users.setRoles(carol.id, ['a,b'])).rejects.toThrow(/Invalid role name/);
      await users.setRoles(carol.id, []);
      await expect(users.findById(carol.id)).resolves.toMatchObject({ roles: [] });
    });

    it('refuses a name that looks like an existing one (same confusable skeleton), even in a race', async () => {
      const admin = await users.create('admin', 'h');
      // Cyrillic а, Greek ι, dotless ı, rn for m, capital Cyrillic І: each looks like "admin"
      for (const lookAlike of ['\u0430dmin', 'adm\u03B9n', 'adm\u0131n', 'adrnin', 'ADM\u0406N']) {
        await expect(users.create(lookAlike, 'h'), lookAlike).rejects.toBeInstanceOf(UsernameTakenError);
      }
      const racers = await Promise.allSettled(['d\u043Eris', 'doris', 'd\u03BFris'].map((name) => users.create(name, 'h')));
      expect(racers.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      // sign-in still compares the normalized name only: every spelling of "admin", never a look-alike
      await expect(users.findByUsername('ADMIN')).resolves.toMatchObject({ id: admin.id });
      await expect(users.findByUsername('\u0430dmin')).resolves.toBeUndefined();
    });

    it('counts accounts', async () => {
      await expect(users.count()).resolves.toBe(8);
    });
  });
}

accountStoreSuite('SQLite', () => Promise.resolve({ db: openDatabase<AccountsSchema>(':memory:'), done: () => Promise.resolve() }));
accountStoreSuite('a SQLite file (lookups on the read-only second connection)', async () => {
  const fresh = await freshSqliteDatabase();
  return { db: openDatabase<AccountsSchema>(fresh.url), done: () => fresh.drop() };
});
accountStoreSuite('PostgreSQL', async () => {
  const fresh = await freshPostgresDatabase();
  return { db: openDatabase<AccountsSchema>(fresh.url), done: () => fresh.drop() };
});

describe('checkUsername and hasRole', () => {
  it('accepts 3 to 32 letters, digits, dots, dashes and underscores after NFKC, and explains a refusal', () => {
    expect(checkUsername(' ａｌｉｃｅ ')).toEqual({ ok: true, username: 'alice' });
    expect(checkUsername('jo.ann_b-2')).toMatchObject({ ok: true });
    for (const bad of ['ab', 'a'.repeat(33), 'al ice', '<b>', "o'neil", '']) {
      expect(checkUsername(bad), bad).toMatchObject({ ok: false, reason: expect.stringContaining('3 to 32') as unknown });
    }
  });

  it('refuses names that mix scripts, and accepts names in one script (Latin may join Han-based scripts)', () => {
    for (const mixed of ['\u0430dmin', 'adm\u03B9n', 'paypa\u04CF', 'mixed\u0416']) {
      expect(checkUsername(mixed), mixed).toMatchObject({ ok: false, reason: expect.stringContaining('one alphabet') as unknown });
    }
    for (const single of ['admin', 'adm\u0131n', '\u0430\u0434\u043C\u0438\u043D', '\u03B1\u03B8\u03B7\u03BD\u03AC', '\u7530\u4E2D\u305F\u308D\u3046', 'tanaka\u7530\u4E2D', '\uAE40\uCCA0\uC218', 'jo.ann_b-2']) {
      expect(checkUsername(single), single).toMatchObject({ ok: true });
    }
  });

  it('hasRole is false for users without a roles list', () => {
    expect(hasRole({ id: 'u' }, 'admin')).toBe(false);
    expect(hasRole({ roles: 'admin' }, 'admin')).toBe(false);
  });
});
