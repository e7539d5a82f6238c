import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountMigrations, type AccountsSchema, AccountTokenStore, type Db, KyselyAccountStore, migrateToLatest, openDatabase } from '../../src/accounts/index.js';
import { checkEmailAddress, digestToken } from '@acme/auth-core';
import { freshPostgresDatabase, freshSqliteDatabase } from '../services.js';

function address(raw: string) {
  const checked = checkEmailAddress(raw);
  if (!checked.ok) throw new Error(checked.reason);
  return checked;
}

/** The same promises on both databases an app may use. */
function tokenSuite(label: string, open: () => Promise<{ db: Db<AccountsSchema>; done: () => Promise<void> }>) {
  describe(`AccountTokenStore and email lookups on ${label}`, () => {
    let db: Db<AccountsSchema>;
    let done: () => Promise<void>;
    let users: KyselyAccountStore;
    let tokens: AccountTokenStore;
    let clock = Date.UTC(2026, 0, 1);
    const now = () => clock;
    beforeAll(async () => {
      ({ db, done } = await open());
      await migrateToLatest(db.kysely, accountMigrations);
      users = new KyselyAccountStore(db.kysely, now);
      tokens = new AccountTokenStore(db.kysely, now);
    });
    afterAll(async () => {
      await db.kysely.destroy();
      await done();
    });

    const newUser = async (name: string) => users.create(name, 'hash');
    const digestOf = (token: string) => digestToken(token) ?? '';

    it('part of SEC-RESET-02: stores only the digest, checks without using up, and uses a token once', async () => {
      const user = await newUser(`reset-once-${label.length}`);
      const token = await tokens.issue(db.kysely, { userId: user.id, purpose: 'password-reset', authEpoch: user.authEpoch });
      const rows = await db.kysely.selectFrom('account_tokens').selectAll().where('user_id', '=', user.id).execute();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(token);
      await expect(tokens.check({ token }, 'password-reset')).resolves.toMatchObject({ userId: user.id, email: null });
      await expect(tokens.check({ token }, 'password-reset')).resolves.toBeDefined();
      await expect(tokens.check({ token }, 'email-verification')).resolves.toBeUndefined();
      await expect(tokens.use(digestOf(token), 'password-reset')).resolves.toMatchObject({ userId: user.id });
      await expect(tokens.use(digestOf(token), 'password-reset')).resolves.toBeUndefined();
      await expect(tokens.check({ token }, 'password-reset')).resolves.toBeUndefined();
    });

    it('part of SEC-RESET-02: of many parallel uses of one token exactly one succeeds', async () => {
      const user = await newUser(`reset-race-${label.length}`);
      const token = await tokens.issue(db.kysely, { userId: user.id, purpose: 'password-reset', authEpoch: user.authEpoch });
      const results = await Promise.all(Array.from({ length: 12 }, () => tokens.use(digestOf(token), 'password-reset')));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('part of SEC-RESET-02: a newer token, a password change, expiry and a disabled account each void a token', async () => {
      const user = await newUser(`reset-void-${label.length}`);
      const older = await tokens.issue(db.kysely, { userId: user.id, purpose: 'password-reset', authEpoch: user.authEpoch });
      const newer = await tokens.issue(db.kysely, { userId: user.id, purpose: 'password-reset', authEpoch: user.authEpoch });
      await expect(tokens.check({ token: older }, 'password-reset')).resolves.toBeUndefined();
      await expect(tokens.check({ token: newer }, 'password-reset')).resolves.toBeDefined();

      await users.changePassword(user.id, 'other-hash');
      await expect(tokens.check({ token: newer }, 'password-reset')).resolves.toBeUndefined();
      await expect(tokens.use(digestOf(newer), 'password-reset')).resolves.toBeUndefined();

      const epoch = (await users.findById(user.id))?.authEpoch ?? 0;
      const expiring = await tokens.issue(db.kysely, { userId: user.id, purpose: 'password-reset', authEpoch: epoch });
      clock += 30 * 60_000 - 1;
      await expect(tokens.check({ token: expiring }, 'password-reset')).resolves.toBeDefined();
      clock += 1;
      await expect(tokens.check({ token: expiring }, 'password-reset')).resolves.toBeUndefined();
      await expect(tokens.use(digestOf(expiring), 'password-reset')).resolves.toBeUndefined();

      const fresh = await tokens.issue(db.kysely, { userId: user.id, purpose: 'password-reset', authEpoch: epoch });
      await users.setDisabled(user.id, true);
      await expect(tokens.check({ token: fresh }, 'password-reset')).resolves.toBeUndefined();
    });

    it('verification tokens carry their address and live 24 hours; junk is refused without a query error', async () => {
      const user = await newUser(`verify-${label.length}`);
      const email = address('Verify.Me@Example.com');
      const token = await tokens.issue(db.kysely, { userId: user.id, purpose: 'email-verification', authEpoch: user.authEpoch, email });
      await expect(tokens.check({ token }, 'email-verification')).resolves.toMatchObject({ email: { address: 'Verify.Me@Example.com', normalized: 'verify.me@example.com' } });
      clock += 24 * 3_600_000;
      await expect(tokens.check({ token }, 'email-verification')).resolves.toBeUndefined();
      for (const bad of ['', 'x', `${token}x`, "' or 1=1 --"]) await expect(tokens.check({ token: bad }, 'email-verification')).resolves.toBeUndefined();
      await expect(tokens.check({ digest: 'not-a-digest' }, 'email-verification')).resolves.toBeUndefined();
      expect(await tokens.purgeStale()).toBeGreaterThanOrEqual(0);
    });

    it('signs in by username or VERIFIED address only, and verifying drops other accounts\' unverified claims', async () => {
      const squatter = await newUser(`squat-${label.length}`);
      const owner = await newUser(`owner-${label.length}`);
      const mail = address(`Owner.${label.length}@Example.com`);
      await users.setEmail(squatter.id, mail, false);
      await users.setEmail(owner.id, mail, false);
      await expect(users.findByLogin(mail.address)).resolves.toBeUndefined();
      await expect(users.findByVerifiedEmail(mail.normalized)).resolves.toBeUndefined();

      await users.verifyEmail(owner.id, mail);
      await expect(users.findByLogin(mail.address.toUpperCase())).resolves.toMatchObject({ id: owner.id, emailVerified: true });
      await expect(users.findByLogin(owner.username)).resolves.toMatchObject({ id: owner.id, email: mail.address });
      await expect(users.findById(squatter.id)).resolves.toMatchObject({ email: null, emailVerified: false });
      await expect(users.findByLogin('not an address@')).resolves.toBeUndefined();
    });
  });
}

tokenSuite('SQLite', () => Promise.resolve({ db: openDatabase<AccountsSchema>(':memory:'), done: () => Promise.resolve() }));
tokenSuite('a SQLite file', async () => {
  const file = await freshSqliteDatabase();
  return { db: openDatabase<AccountsSchema>(file.url), done: () => file.drop() };
});
tokenSuite('PostgreSQL', async () => {
  const pgdb = await freshPostgresDatabase();
  return { db: openDatabase<AccountsSchema>(pgdb.url), done: () => pgdb.drop() };
});
