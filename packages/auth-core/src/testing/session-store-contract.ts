import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_TIMEOUTS } from '../config/defaults.js';
import { SessionExistsError } from '../session/errors.js';
import { digestSessionId } from '../session/ids.js';
import { toKoaSessionStore } from '../koa/koa-store.js';
import type { SessionStore } from '../session/types.js';

/** A fake clock the contract suite moves forward. */
export interface FakeClock {
  /** Current time in ms since epoch. */
  now: () => number;
  /** Moves time forward by `ms`. */
  advance: (ms: number) => void;
}

/** What the suite hands to `makeStore`. */
export interface StoreFactoryContext {
  /** The clock the store must use for expiry. */
  now: () => number;
}

/** Options of {@link testSessionStore}. */
export interface SessionStoreContractOptions {
  /**
   * Returns everything the store keeps at rest (rows, keys and values) as text, so the suite can
   * check that no raw session id is stored. Optional, but every bundled store provides it.
   */
  dumpAtRest?: (store: SessionStore) => Promise<string>;
}

/** Makes a fake clock starting at a fixed time. */
export function createFakeClock(start = Date.UTC(2026, 0, 1)): FakeClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/**
 * The shared contract every {@link SessionStore} must pass, as a Vitest suite: get/create/update/
 * destroy, `create` never replacing a live session, `update` never writing back a missing,
 * destroyed or expired one (nor its per-user index entry), TTL expiry under a fake clock,
 * koa-session's `'session'` maxAge, per-user listing and revocation, no cross-key leakage, ids
 * hashed at rest, concurrent writes, ping.
 *
 * @example
 * // test/my-store.test.ts
 * import { testSessionStore } from '@acme/auth-core/testing';
 * testSessionStore('MyStore', ({ now }) => new MyStore({ now }));
 */
export function testSessionStore(
  name: string,
  makeStore: (context: StoreFactoryContext) => SessionStore | Promise<SessionStore>,
  options: SessionStoreContractOptions = {},
): void {
  describe(`SessionStore contract: ${name}`, () => {
    let clock: FakeClock;
    let store: SessionStore;
    let n = 0;
    const key = () => digestSessionId(`${name}-${process.pid}-${Date.now()}-${(n += 1)}`);

    beforeEach(async () => {
      clock = createFakeClock();
      store = await makeStore({ now: clock.now });
    });
    afterEach(async () => {
      await store.close();
    });

    /** The koa-session adapter over the store under test, as `createSession` builds it. */
    const adapter = (idleMs = SESSION_TIMEOUTS.idleMs, absoluteMs = SESSION_TIMEOUTS.absoluteMs) =>
      toKoaSessionStore(store, { now: clock.now, idleMs, absoluteMs });

    it('SEC-SESS-12 returns what was created, and undefined for a missing key', async () => {
      const k = key();
      const data = { userId: 'u1', nested: { a: [1, 2] }, text: 'ünïcødé' };
      await store.create(k, data, 60_000);
      await expect(store.get(k)).resolves.toEqual(data);
      await expect(store.get(key())).resolves.toBeUndefined();
    });

    it('SEC-SESS-12 create refuses a key that holds a live session and leaves it as it was', async () => {
      const k = key();
      const user = `user-${key().slice(0, 8)}`;
      await store.create(k, { userId: user, v: 1 }, 60_000);
      await expect(store.create(k, { userId: 'intruder', v: 2 }, 60_000)).rejects.toBeInstanceOf(SessionExistsError);
      await expect(store.get(k)).resolves.toEqual({ userId: user, v: 1 });
      await expect(store.listByUser('intruder')).resolves.toEqual([]);
    });

    it('SEC-SESS-12 update replaces a live session and restarts its TTL', async () => {
      const k = key();
      await store.create(k, { v: 1 }, 1000);
      clock.advance(900);
      await expect(store.update(k, { v: 2 }, 1000)).resolves.toBe(true);
      await expect(store.get(k)).resolves.toEqual({ v: 2 });
      clock.advance(900);
      await expect(store.get(k)).resolves.toEqual({ v: 2 });
    });

    it('SEC-SESS-12 update of a key that was never created returns false and stores nothing', async () => {
      const k = key();
      const user = `user-${key().slice(0, 8)}`;
      await expect(store.update(k, { userId: user }, 60_000)).resolves.toBe(false);
      await expect(store.get(k)).resolves.toBeUndefined();
      await expect(store.listByUser(user)).resolves.toEqual([]);
    });

    it('SEC-SESS-12 a destroyed session is never written back: update returns false and leaves nothing', async () => {
      const user = `user-${key().slice(0, 8)}`;
      const [byKey, byDigest, byUser] = [key(), key(), key()];
      for (const k of [byKey, byDigest, byUser]) await store.create(k, { userId: user, v: 1 }, 60_000);
      await store.destroy(byKey);
      await store.destroyByDigest(user, byDigest);
      await store.destroyByUser(user);
      for (const k of [byKey, byDigest, byUser]) {
        await expect(store.update(k, { userId: user, v: 2 }, 60_000)).resolves.toBe(false);
        await expect(store.get(k)).resolves.toBeUndefined();
      }
      await expect(store.listByUser(user)).resolves.toEqual([]);
    });

    it('SEC-SESS-12 an expired session is not revived by update', async () => {
      const k = key();
      const user = `user-${key().slice(0, 8)}`;
      await store.create(k, { userId: user }, 1000);
      clock.advance(1001);
      await expect(store.update(k, { userId: user, v: 2 }, 60_000)).resolves.toBe(false);
      await expect(store.get(k)).resolves.toBeUndefined();
      await expect(store.listByUser(user)).resolves.toEqual([]);
    });

    it('SEC-SESS-12 an update racing a destroy never leaves a record, whichever runs first', async () => {
      const user = `user-${key().slice(0, 8)}`;
      const keys = Array.from({ length: 20 }, () => key());
      await Promise.all(keys.map((k) => store.create(k, { userId: user }, 60_000)));
      await Promise.all(keys.flatMap((k, i) => (i % 2 === 0 ? [store.update(k, { userId: user, i }, 60_000), store.destroy(k)] : [store.destroy(k), store.update(k, { userId: user, i }, 60_000)])));
      await expect(Promise.all(keys.map((k) => store.get(k)))).resolves.toEqual(keys.map(() => undefined));
      await expect(store.listByUser(user)).resolves.toEqual([]);
    });

    it("SEC-SESS-05 a logged-out session is never written back by koa-session's end-of-request save", async () => {
      const koaStore = adapter();
      const user = `user-${key().slice(0, 8)}`;
      const login = {};
      const id = koaStore.genid(login);
      const digest = digestSessionId(id);
      await koaStore.set(id, { userId: user, v: 1 }, 60_000, { ctx: login });
      // A second save on the same request (koa-session saves again after a regenerate) is an update.
      await koaStore.set(id, { userId: user, v: 2 }, 60_000, { ctx: login });
      await expect(store.get(digest)).resolves.toMatchObject({ v: 2 });
      const slowRequest = {};
      await koaStore.destroy(id, { ctx: {} });
      await koaStore.set(id, { userId: user, v: 3 }, 60_000, { ctx: slowRequest, changed: true, rolling: false });
      await expect(store.get(digest)).resolves.toBeUndefined();
      await expect(store.listByUser(user)).resolves.toEqual([]);
    });

    it('SEC-SESS-12 expires a value after its TTL on the injected clock', async () => {
      const k = key();
      await store.create(k, { v: 1 }, 1000);
      clock.advance(900);
      await expect(store.get(k)).resolves.toEqual({ v: 1 });
      clock.advance(200);
      await expect(store.get(k)).resolves.toBeUndefined();
    });

    it("SEC-SESS-12 gives koa-session's maxAge 'session' a finite TTL", async () => {
      const koaStore = adapter();
      const ctx = {};
      const id = koaStore.genid(ctx);
      await koaStore.set(id, { v: 1 }, 'session', { ctx });
      await expect(koaStore.get(id, 'session', {})).resolves.toMatchObject({ v: 1 });
      clock.advance(SESSION_TIMEOUTS.absoluteMs + 1);
      await expect(store.get(digestSessionId(id))).resolves.toBeUndefined();
    });

    it('SEC-SESS-12 destroy makes get return undefined, and destroying a missing key is fine', async () => {
      const k = key();
      await store.create(k, { v: 1 }, 60_000);
      await store.destroy(k);
      await expect(store.get(k)).resolves.toBeUndefined();
      await expect(store.destroy(key())).resolves.toBeUndefined();
    });

    it('SEC-SESS-12 never leaks one key’s data into another', async () => {
      const [a, b] = [key(), key()];
      await store.create(a, { owner: 'a' }, 60_000);
      await store.create(b, { owner: 'b' }, 60_000);
      await expect(store.get(a)).resolves.toEqual({ owner: 'a' });
      await expect(store.get(b)).resolves.toEqual({ owner: 'b' });
      await store.destroy(a);
      await expect(store.get(b)).resolves.toEqual({ owner: 'b' });
    });

    it('SEC-SESS-12 lists and revokes sessions per user', async () => {
      const user = `user-${key().slice(0, 8)}`;
      const other = `other-${key().slice(0, 8)}`;
      const [s1, s2, s3] = [key(), key(), key()];
      await store.create(s1, { userId: user, ip: '1.1.1.1' }, 60_000);
      await store.create(s2, { userId: user, ip: '2.2.2.2' }, 60_000);
      await store.create(s3, { userId: other }, 60_000);
      const listed = await store.listByUser(user);
      expect(listed.map((s) => s.digest).sort()).toEqual([s1, s2].sort());
      expect(listed.every((s) => s.expiresAt > clock.now())).toBe(true);
      await expect(store.destroyByDigest(other, s1)).resolves.toBe(false);
      await expect(store.get(s1)).resolves.toBeDefined();
      await expect(store.destroyByDigest(user, s1)).resolves.toBe(true);
      await expect(store.get(s1)).resolves.toBeUndefined();
      await expect(store.destroyByUser(user)).resolves.toBe(1);
      await expect(store.get(s2)).resolves.toBeUndefined();
      await expect(store.get(s3)).resolves.toEqual({ userId: other });
      await expect(store.listByUser(user)).resolves.toEqual([]);
    });

    it('SEC-SESS-12 leaves expired sessions out of the per-user list', async () => {
      const user = `user-${key().slice(0, 8)}`;
      await store.create(key(), { userId: user }, 1000);
      clock.advance(1001);
      await expect(store.listByUser(user)).resolves.toEqual([]);
    });

    it('SEC-SESS-12 keeps only the digest of a session id at rest', async () => {
      const koaStore = adapter(60_000, 120_000);
      const ctx = {};
      const id = koaStore.genid(ctx);
      await koaStore.set(id, { marker: 'at-rest' }, 60_000, { ctx });
      await expect(store.get(id)).resolves.toBeUndefined();
      await expect(store.get(digestSessionId(id))).resolves.toMatchObject({ marker: 'at-rest' });
      if (options.dumpAtRest) {
        const dump = await options.dumpAtRest(store);
        expect(dump).toContain(digestSessionId(id));
        expect(dump).not.toContain(id);
      }
    });

    it('SEC-SESS-12 survives concurrent writes, and of concurrent creates of one key exactly one wins', async () => {
      const keys = Array.from({ length: 50 }, () => key());
      await Promise.all(keys.map((k, i) => store.create(k, { i }, 60_000)));
      const values = await Promise.all(keys.map((k) => store.get(k)));
      expect(values).toEqual(keys.map((_, i) => ({ i })));
      const shared = key();
      const creates = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.create(shared, { i }, 60_000)));
      expect(creates.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      await expect(Promise.all(Array.from({ length: 20 }, (_, i) => store.update(shared, { i }, 60_000)))).resolves.toEqual(Array.from({ length: 20 }, () => true));
      const final = await store.get(shared);
      expect(final).toEqual({ i: expect.any(Number) as number });
    });

    it('SEC-SESS-12 answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
