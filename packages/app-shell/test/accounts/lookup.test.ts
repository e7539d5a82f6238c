import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { accountMigrations, type AccountsSchema, type Db, KyselyAccountStore, type LookupOptions, migrateToLatest, openDatabase, prepareLookup } from '../../src/accounts/index.js';
import { freshPostgresDatabase, freshSqliteDatabase } from '../services.js';

async function fileDb(): Promise<Db<AccountsSchema>> {
  const fresh = await freshSqliteDatabase();
  const db = openDatabase<AccountsSchema>(fresh.url);
  onTestFinished(async () => {
    await db.kysely.destroy().catch(() => undefined);
    await fresh.drop();
  });
  await migrateToLatest(db.kysely, accountMigrations);
  return db;
}

const epochOf = (db: Db<AccountsSchema>, cache: LookupOptions['cache'] = false) => prepareLookup(db.kysely, (k, id) => k.selectFrom('users').select(['id', 'auth_epoch']).where('id', '=', id), { cache });

// Every case holds with the read cache on: it is emptied by any commit to the file.
describe.each([{ cache: false as const }, { cache: {} }])('prepareLookup on a SQLite file (cache: $cache)', ({ cache }) => {
  it('sees a write as soon as it has returned, so a revocation holds from the next request', async () => {
    const db = await fileDb();
    const users = new KyselyAccountStore(db.kysely, Date.now, { cache });
    const alice = await users.create('alice', 'h');
    const lookup = epochOf(db, cache);
    await expect(lookup(alice.id)).resolves.toEqual({ id: alice.id, auth_epoch: 1 });
    await users.bumpAuthEpoch(alice.id);
    await expect(lookup(alice.id)).resolves.toEqual({ id: alice.id, auth_epoch: 2 });
    await users.setDisabled(alice.id, true);
    await expect(users.findById(alice.id)).resolves.toMatchObject({ disabled: true, authEpoch: 2 });
    await expect(lookup('no-such-id')).resolves.toBeUndefined();
  });

  it('reads committed rows only: a kysely transaction still open is not seen, and does not block it', async () => {
    const db = await fileDb();
    const alice = await new KyselyAccountStore(db.kysely).create('alice', 'h');
    const lookup = epochOf(db, cache);
    await expect(lookup(alice.id)).resolves.toEqual({ id: alice.id, auth_epoch: 1 });
    await db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ auth_epoch: 5 }).where('id', '=', alice.id).execute();
      await expect(lookup(alice.id)).resolves.toEqual({ id: alice.id, auth_epoch: 1 });
    });
    await expect(lookup(alice.id)).resolves.toEqual({ id: alice.id, auth_epoch: 5 });
    await expect(db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ auth_epoch: 9 }).where('id', '=', alice.id).execute();
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    await expect(lookup(alice.id)).resolves.toEqual({ id: alice.id, auth_epoch: 5 });
  });

  it('rejects (never throws) once the database is closed', async () => {
    const db = await fileDb();
    const lookup = epochOf(db, cache);
    await expect(lookup('x')).resolves.toBeUndefined();
    await db.kysely.destroy();
    await expect(lookup('x')).rejects.toThrow(/not open|closed/);
    await expect(epochOf(db)('x')).rejects.toThrow(/closed/);
  });
});

describe('prepareLookup with its read cache', () => {
  it('sees a commit from another process at the next lookup', async () => {
    const fresh = await freshSqliteDatabase();
    const db = openDatabase<AccountsSchema>(fresh.url);
    onTestFinished(async () => {
      await db.kysely.destroy();
      await fresh.drop();
    });
    await migrateToLatest(db.kysely, accountMigrations);
    const alice = await new KyselyAccountStore(db.kysely).create('alice', 'h');
    const lookup = epochOf(db, {});
    await expect(lookup(alice.id)).resolves.toEqual({ id: alice.id, auth_epoch: 1 });
    const script = `const Database = require('better-sqlite3'); const d = new Database(process.argv[1]); d.pragma('busy_timeout = 5000'); d.prepare('UPDATE users SET auth_epoch = auth_epoch + 1 WHERE id = ?').run(process.argv[2]); d.close();`;
    const other = spawnSync(process.execPath, ['-e', script, fresh.url, alice.id], { cwd: path.resolve(import.meta.dirname, '../..'), encoding: 'utf8', timeout: 20_000 });
    expect(other.status, other.stderr).toBe(0);
    await expect(lookup(alice.id)).resolves.toEqual({ id: alice.id, auth_epoch: 2 });
  });

  it('hands out frozen rows, so no caller can change what the next request reads', async () => {
    const db = await fileDb();
    const alice = await new KyselyAccountStore(db.kysely).create('alice', 'h');
    const row = await epochOf(db, {})(alice.id);
    expect(Object.isFrozen(row)).toBe(true);
  });
});

describe('prepareLookup through kysely (PostgreSQL, :memory:)', () => {
  it('compiles once and runs with each value', async () => {
    const fresh = await freshPostgresDatabase();
    const pg = openDatabase<AccountsSchema>(fresh.url);
    const memory = openDatabase<AccountsSchema>(':memory:');
    onTestFinished(async () => {
      await pg.kysely.destroy();
      await memory.kysely.destroy();
      await fresh.drop();
    });
    for (const db of [pg, memory]) {
      await migrateToLatest(db.kysely, accountMigrations);
      const bob = await new KyselyAccountStore(db.kysely).create('bob', 'h');
      const lookup = epochOf(db);
      await expect(lookup(bob.id)).resolves.toMatchObject({ id: bob.id });
      await expect(lookup('no-such-id')).resolves.toBeUndefined();
    }
  });

  it('refuses a query that does not use its value exactly once', () => {
    const db = openDatabase<AccountsSchema>(':memory:');
    onTestFinished(() => db.kysely.destroy());
    expect(() => prepareLookup(db.kysely, (k) => k.selectFrom('users').selectAll().where('id', '=', 'fixed'))).toThrow(/exactly once/);
    expect(() => prepareLookup(db.kysely, (k, v) => k.selectFrom('users').selectAll().where('id', '=', v).where('username', '=', v))).toThrow(/exactly once/);
  });
});
