import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_TIMEOUTS } from '../config/defaults.js';
import { digestSessionId, generateSessionId } from '../session/ids.js';
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
 * The shared contract every {@link SessionStore} must pass, as a Vitest suite: get/set/destroy,
 * TTL expiry under a fake clock, koa-session's `'session'` maxAge, per-user listing and
 * revocation, no cross-key leakage, ids hashed at rest, concurrent writes, ping.
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

    it('SEC-SESS-12 returns what was set, and undefined for a missing key', async () => {
      const k = key();
      const data = { userId: 'u1', nested: { a: [1, 2] }, text: 'ünïcødé' };
      await store.set(k, data, 60_000);
      await expect(store.get(k)).resolves.toEqual(data);
      await expect(store.get(key())).resolves.toBeUndefined();
    });

    it('SEC-SESS-12 replaces a value on set', async () => {
      const k = key();
      await store.set(k, { v: 1 }, 60_000);
      await store.set(k, { v: 2 }, 60_000);
      await expect(store.get(k)).resolves.toEqual({ v: 2 });
    });

    it('SEC-SESS-12 expires a value after its TTL on the injected clock', async () => {
      const k = key();
      await store.set(k, { v: 1 }, 1000);
      clock.advance(900);
      await expect(store.get(k)).resolves.toEqual({ v: 1 });
      clock.advance(200);
      await expect(store.get(k)).resolves.toBeUndefined();
    });

    it("SEC-SESS-12 gives koa-session's maxAge 'session' a finite TTL", async () => {
      const koaStore = toKoaSessionStore(store, { now: clock.now, idleMs: SESSION_TIMEOUTS.idleMs, absoluteMs: SESSION_TIMEOUTS.absoluteMs });
      const id = generateSessionId();
      await koaStore.set(id, { v: 1 }, 'session', {});
      await expect(koaStore.get(id, 'session', {})).resolves.toMatchObject({ v: 1 });
      clock.advance(SESSION_TIMEOUTS.absoluteMs + 1);
      await expect(store.get(digestSessionId(id))).resolves.toBeUndefined();
    });

    it('SEC-SESS-12 destroy makes get return undefined, and destroying a missing key is fine', async () => {
      const k = key();
      await store.set(k, { v: 1 }, 60_000);
      await store.destroy(k);
      await expect(store.get(k)).resolves.toBeUndefined();
      await expect(store.destroy(key())).resolves.toBeUndefined();
    });

    it('SEC-SESS-12 never leaks one key’s data into another', async () => {
      const [a, b] = [key(), key()];
      await store.set(a, { owner: 'a' }, 60_000);
      await store.set(b, { owner: 'b' }, 60_000);
      await expect(store.get(a)).resolves.toEqual({ owner: 'a' });
      await expect(store.get(b)).resolves.toEqual({ owner: 'b' });
      await store.destroy(a);
      await expect(store.get(b)).resolves.toEqual({ owner: 'b' });
    });

    it('SEC-SESS-12 lists and revokes sessions per user', async () => {
      const user = `user-${key().slice(0, 8)}`;
      const other = `other-${key().slice(0, 8)}`;
      const [s1, s2, s3] = [key(), key(), key()];
      await store.set(s1, { userId: user, ip: '1.1.1.1' }, 60_000);
      await store.set(s2, { userId: user, ip: '2.2.2.2' }, 60_000);
      await store.set(s3, { userId: other }, 60_000);
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
      await store.set(key(), { userId: user }, 1000);
      clock.advance(1001);
      await expect(store.listByUser(user)).resolves.toEqual([]);
    });

    it('SEC-SESS-12 keeps only the digest of a session id at rest', async () => {
      const koaStore = toKoaSessionStore(store, { now: clock.now, idleMs: 60_000, absoluteMs: 120_000 });
      const id = generateSessionId();
      await koaStore.set(id, { marker: 'at-rest' }, 60_000, {});
      await expect(store.get(id)).resolves.toBeUndefined();
      await expect(store.get(digestSessionId(id))).resolves.toMatchObject({ marker: 'at-rest' });
      if (options.dumpAtRest) {
        const dump = await options.dumpAtRest(store);
        expect(dump).toContain(digestSessionId(id));
        expect(dump).not.toContain(id);
      }
    });

    it('SEC-SESS-12 survives concurrent writes', async () => {
      const keys = Array.from({ length: 50 }, () => key());
      await Promise.all(keys.map((k, i) => store.set(k, { i }, 60_000)));
      const values = await Promise.all(keys.map((k) => store.get(k)));
      expect(values).toEqual(keys.map((_, i) => ({ i })));
      const shared = key();
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(shared, { i }, 60_000)));
      const final = await store.get(shared);
      expect(final).toEqual({ i: expect.any(Number) as number });
    });

    it('SEC-SESS-12 answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
