import { generateRecoveryCodes, recoveryCodeDigest } from '@acme/auth-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountMigrations, type AccountsSchema, type Db, KyselyAccountStore, migrateToLatest, openDatabase, TwoFactorStore } from '../../src/accounts/index.js';
import { freshPostgresDatabase, freshSqliteDatabase } from '../services.js';

function twoFactorSuite(label: string, open: () => Promise<{ url: string; drop: () => Promise<void> }>) {
  describe(`TwoFactorStore on ${label}`, () => {
    let db: Db<AccountsSchema>;
    let drop: () => Promise<void>;
    let users: KyselyAccountStore;
    let store: TwoFactorStore;
    beforeAll(async () => {
      const fresh = await open();
      drop = () => fresh.drop();
      db = openDatabase<AccountsSchema>(fresh.url);
      await migrateToLatest(db.kysely, accountMigrations);
      users = new KyselyAccountStore(db.kysely);
      store = new TwoFactorStore(db.kysely);
    });
    afterAll(async () => {
      await db.kysely.destroy();
      await drop();
    });

    it('part of SEC-MFA-03: accepts a TOTP step once, only later steps after it, and one of many parallel submissions', async () => {
      const user = await users.create('totp-user', 'hash');
      expect(await store.acceptStep(user.id, 100)).toBe(false); // TOTP is off
      await store.enableTotp(user.id, 'v1.sealed', 100);
      await expect(store.totpOf(user.id)).resolves.toEqual({ sealedSecret: 'v1.sealed', lastStep: 100 });
      expect(await store.acceptStep(user.id, 100)).toBe(false);
      expect(await store.acceptStep(user.id, 99)).toBe(false);
      const parallel = await Promise.all(Array.from({ length: 20 }, () => store.acceptStep(user.id, 101)));
      expect(parallel.filter(Boolean)).toHaveLength(1);
      expect((await store.totpOf(user.id))?.lastStep).toBe(101);
      await store.disableTotp(user.id);
      await expect(store.totpOf(user.id)).resolves.toBeUndefined();
    });

    it('part of SEC-MFA-06: a recovery code works once (also in parallel); a new set voids the old one; no code is stored in clear', async () => {
      const user = await users.create('codes-user', 'hash');
      const first = generateRecoveryCodes();
      await store.replaceRecoveryCodes(user.id, first.digests);
      expect(await store.remainingRecoveryCodes(user.id)).toBe(10);
      const stored = JSON.stringify(await db.kysely.selectFrom('recovery_codes').selectAll().execute());
      for (const code of first.codes) expect(stored).not.toContain(code.replace(/-/g, ''));
      const digest = recoveryCodeDigest(first.codes[0]) ?? '';
      const parallel = await Promise.all(Array.from({ length: 10 }, () => store.useRecoveryCode(user.id, digest)));
      expect(parallel.filter(Boolean)).toHaveLength(1);
      expect(await store.useRecoveryCode(user.id, digest)).toBe(false);
      expect(await store.remainingRecoveryCodes(user.id)).toBe(9);
      const other = await users.create('codes-other', 'hash');
      expect(await store.useRecoveryCode(other.id, recoveryCodeDigest(first.codes[1]) ?? '')).toBe(false);

      const second = generateRecoveryCodes();
      await store.replaceRecoveryCodes(user.id, second.digests);
      expect(await store.useRecoveryCode(user.id, recoveryCodeDigest(first.codes[1]) ?? '')).toBe(false);
      expect(await store.useRecoveryCode(user.id, recoveryCodeDigest(second.codes[1]) ?? '')).toBe(true);
      await store.disableTotp(user.id);
      expect(await store.remainingRecoveryCodes(user.id)).toBe(0);
    });

    it('stores passkeys per user; the counter moves only from the value a check saw; removal is per owner', async () => {
      const user = await users.create('passkey-user', 'hash');
      const other = await users.create('passkey-other', 'hash');
      await store.addPasskey({ id: 'cred-1', userId: user.id, publicKey: 'pk', counter: 5, transports: ['internal', 'hybrid'], deviceType: 'singleDevice', backedUp: false, name: 'Laptop' });
      await expect(store.findPasskey('cred-1')).resolves.toMatchObject({ userId: user.id, counter: 5, transports: ['internal', 'hybrid'], backedUp: false, lastUsedAt: null });
      await expect(store.listPasskeys(user.id)).resolves.toHaveLength(1);
      await expect(store.listPasskeys(other.id)).resolves.toEqual([]);
      const parallel = await Promise.all(Array.from({ length: 8 }, () => store.updatePasskeyCounter('cred-1', 5, 6)));
      expect(parallel.filter(Boolean)).toHaveLength(1);
      expect((await store.findPasskey('cred-1'))?.counter).toBe(6);
      expect(await store.removePasskey(other.id, 'cred-1')).toBe(false);
      expect(await store.removePasskey(user.id, 'cred-1')).toBe(true);
      await expect(store.findPasskey('cred-1')).resolves.toBeUndefined();
    });
  });
}

twoFactorSuite('a SQLite file', () => freshSqliteDatabase());
twoFactorSuite('PostgreSQL', () => freshPostgresDatabase());
