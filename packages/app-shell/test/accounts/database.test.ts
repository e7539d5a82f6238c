import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/accounts/database.js';

interface Schema {
  items: { id: number; name: string };
}

const open: Db<Schema>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.kysely.destroy()));
});

async function database(): Promise<Db<Schema>> {
  const db = openDatabase<Schema>(':memory:');
  open.push(db);
  await db.kysely.schema.createTable('items').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('name', 'text').execute();
  return db;
}

// openDatabase reuses prepared SQLite statements: the same query with other values, concurrent
// queries, a statement that failed, and a schema change in between must all still answer right.
describe('openDatabase (SQLite) with reused statements', () => {
  it('binds new values to a reused statement, also under concurrent queries', async () => {
    const { kysely } = await database();
    await kysely.insertInto('items').values([{ id: 1, name: 'one' }, { id: 2, name: 'two' }]).execute();
    const byId = (id: number) => kysely.selectFrom('items').select('name').where('id', '=', id).executeTakeFirst();
    expect(await byId(1)).toEqual({ name: 'one' });
    expect(await byId(2)).toEqual({ name: 'two' });
    expect(await Promise.all([byId(2), byId(1), byId(3)])).toEqual([{ name: 'two' }, { name: 'one' }, undefined]);
  });

  it('keeps working after a failed statement and after a schema change', async () => {
    const { kysely } = await database();
    const insert = (id: number) => kysely.insertInto('items').values({ id, name: `n${id}` }).execute();
    await insert(1);
    await expect(insert(1)).rejects.toThrow(/UNIQUE|constraint/i);
    await insert(2);
    const all = () => kysely.selectFrom('items').selectAll().orderBy('id').execute();
    expect(await all()).toEqual([{ id: 1, name: 'n1' }, { id: 2, name: 'n2' }]);
    await sql`alter table items add column note text`.execute(kysely);
    expect(await all()).toEqual([{ id: 1, name: 'n1', note: null }, { id: 2, name: 'n2', note: null }]);
  });
});
