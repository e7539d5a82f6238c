import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteReadCache, SqliteSessionStore } from '../../src/stores/sqlite.js';

const dir = mkdtempSync(path.join(tmpdir(), 'auth-core-read-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshFile = () => path.join(dir, `cache-${(files += 1)}.db`);

/** Runs `sql` on `file` from another Node process (its own better-sqlite3 connection), as the users CLI or a second server would. */
function writeFromAnotherProcess(file: string, sql: string): void {
  const script = `const Database = require('better-sqlite3'); const db = new Database(process.argv[1]); db.pragma('busy_timeout = 5000'); db.exec(process.argv[2]); db.close();`;
  const result = spawnSync(process.execPath, ['-e', script, file, sql], { cwd: path.resolve(import.meta.dirname, '../..'), encoding: 'utf8', timeout: 20_000 });
  expect(result.status, result.stderr).toBe(0);
}

/** A table of rows and a cache over it that counts the reads that reached the file. */
function countingCache(options: { max?: number } = {}) {
  const file = freshFile();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT NOT NULL)');
  db.prepare("INSERT INTO t VALUES ('a', 'a1'), ('b', 'b1'), ('c', 'c1')").run();
  const select = db.prepare<[string], { v: string }>('SELECT v FROM t WHERE k = ?');
  const cache = new SqliteReadCache<string>(db, options);
  let loads = 0;
  const read = (key: string) =>
    cache.read(key, () => {
      loads += 1;
      return select.get(key)?.v;
    });
  return { file, db, cache, read, loads: () => loads };
}

describe('SqliteReadCache', () => {
  it('serves a repeated read from memory while nothing is written', () => {
    const { db, read, loads } = countingCache();
    expect(read('a')).toBe('a1');
    expect(read('a')).toBe('a1');
    expect(read('b')).toBe('b1');
    expect(loads()).toBe(2);
    db.close();
  });

  it('on a read-only connection (which reads data_version only) still sees every commit from another process', () => {
    const { file, db } = countingCache();
    const reader = new Database(file, { readonly: true });
    const select = reader.prepare<[string], { v: string }>('SELECT v FROM t WHERE k = ?');
    const cache = new SqliteReadCache<string>(reader);
    let loads = 0;
    const read = (key: string) =>
      cache.read(key, () => {
        loads += 1;
        return select.get(key)?.v;
      });
    expect(read('a')).toBe('a1');
    expect(read('a')).toBe('a1');
    expect(loads).toBe(1);
    writeFromAnotherProcess(file, "UPDATE t SET v = 'a2' WHERE k = 'a'");
    expect(read('a')).toBe('a2');
    db.prepare("UPDATE t SET v = 'a3' WHERE k = 'a'").run();
    expect(read('a')).toBe('a3');
    expect(loads).toBe(3);
    reader.close();
    db.close();
  });

  it("drops everything when another connection of this process commits (data_version)", () => {
    const { file, db, read, loads } = countingCache();
    read('a');
    read('b');
    const other = new Database(file);
    other.prepare("UPDATE t SET v = 'a2' WHERE k = 'a'").run();
    expect(read('a')).toBe('a2');
    expect(read('b')).toBe('b1');
    expect(loads()).toBe(4);
    other.close();
    db.close();
  });

  it('drops everything when another process commits to the file', () => {
    const { file, db, read, loads } = countingCache();
    expect(read('a')).toBe('a1');
    writeFromAnotherProcess(file, "DELETE FROM t WHERE k = 'a'");
    expect(read('a')).toBeUndefined();
    expect(loads()).toBe(2);
    db.close();
  });

  it('drops everything on a write through its own connection that was not reported (total_changes)', () => {
    const { db, read, loads } = countingCache();
    read('a');
    db.prepare("UPDATE t SET v = 'a3' WHERE k = 'a'").run();
    expect(read('a')).toBe('a3');
    expect(loads()).toBe(2);
    db.close();
  });

  it('keeps the other entries after a reported own write, and drops the written key', () => {
    const { db, cache, read, loads } = countingCache();
    read('a');
    read('b');
    const { changes } = db.prepare("UPDATE t SET v = 'a4' WHERE k = 'a'").run();
    cache.wrote('a', changes);
    expect(read('a')).toBe('a4');
    expect(read('b')).toBe('b1');
    expect(loads()).toBe(3);
    db.close();
  });

  it('drops everything when a reported write is not the only change since the last look', () => {
    const { file, db, cache, read, loads } = countingCache();
    read('a');
    read('b');
    const other = new Database(file);
    other.prepare("UPDATE t SET v = 'b5' WHERE k = 'b'").run();
    other.close();
    cache.wrote('a', db.prepare("UPDATE t SET v = 'a5' WHERE k = 'a'").run().changes);
    expect(read('b')).toBe('b5');
    expect(loads()).toBe(3);
    db.close();
  });

  it('neither serves nor keeps a read made inside an open transaction (it may roll back)', () => {
    const { db, read, loads } = countingCache();
    expect(read('a')).toBe('a1');
    db.exec('BEGIN');
    db.prepare("UPDATE t SET v = 'uncommitted' WHERE k = 'a'").run();
    expect(read('a')).toBe('uncommitted');
    db.exec('ROLLBACK');
    expect(read('a')).toBe('a1');
    expect(loads()).toBe(3);
    db.close();
  });

  it('holds at most `max` entries, dropping the least recently used', () => {
    const { db, cache, read, loads } = countingCache({ max: 2 });
    read('a');
    read('b');
    read('a');
    read('c');
    expect(cache.size).toBe(2);
    read('a');
    expect(loads()).toBe(3);
    read('b');
    expect(loads()).toBe(4);
    db.close();
  });
});

describe('SqliteSessionStore with its read cache (the default)', () => {
  const record = { userId: 'u1', authEpoch: 0 };

  it('sees a session destroyed by another store on the same file at the next read', async () => {
    const file = freshFile();
    const here = new SqliteSessionStore({ filename: file, purgeIntervalMs: 0 });
    const there = new SqliteSessionStore({ filename: file, purgeIntervalMs: 0 });
    await here.create('k1', record, 60_000);
    expect(await here.get('k1')).toMatchObject(record);
    expect(await here.get('k1')).toMatchObject(record);
    await there.destroyByUser('u1');
    expect(await here.get('k1')).toBeUndefined();
    await here.close();
    await there.close();
  });

  it('sees a session revoked by another process at the next read', async () => {
    const file = freshFile();
    const store = new SqliteSessionStore({ filename: file, purgeIntervalMs: 0 });
    await store.create('k1', record, 60_000);
    await store.create('k2', { ...record, userId: 'u2' }, 60_000);
    expect(await store.get('k1')).toBeDefined();
    expect(await store.get('k2')).toBeDefined();
    writeFromAnotherProcess(file, "DELETE FROM sessions WHERE user_id = 'u1'");
    expect(await store.get('k1')).toBeUndefined();
    expect(await store.get('k2')).toMatchObject({ userId: 'u2' });
    await store.close();
  });

  it('returns the data written by its own update, and never a destroyed session', async () => {
    const store = new SqliteSessionStore({ filename: freshFile(), purgeIntervalMs: 0 });
    await store.create('k1', record, 60_000);
    await store.get('k1');
    await store.update('k1', { ...record, note: 'changed' }, 60_000);
    expect(await store.get('k1')).toMatchObject({ note: 'changed' });
    await store.destroy('k1');
    expect(await store.get('k1')).toBeUndefined();
    expect(await store.update('k1', record, 60_000)).toBe(false);
    expect(await store.get('k1')).toBeUndefined();
    await store.close();
  });

  it('hands out a fresh object each time, so a change to one never reaches the next read', async () => {
    const store = new SqliteSessionStore({ filename: freshFile(), purgeIntervalMs: 0 });
    await store.create('k1', { ...record, list: ['x'] }, 60_000);
    const first = await store.get('k1');
    if (!first) throw new Error('the session was not found');
    (first.list as string[]).push('changed in memory');
    first.userId = 'someone else';
    expect(await store.get('k1')).toMatchObject({ userId: 'u1', list: ['x'] });
    await store.close();
  });

  it('does not serve a cached session past its expiry', async () => {
    let now = 1_000_000;
    const store = new SqliteSessionStore({ filename: freshFile(), purgeIntervalMs: 0, now: () => now });
    await store.create('k1', record, 1_000);
    expect(await store.get('k1')).toBeDefined();
    now += 1_000;
    expect(await store.get('k1')).toBeUndefined();
    await store.close();
  });
});
