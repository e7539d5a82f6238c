import { Scrypt } from '../../src/password/scrypt-kdf.js';
import { describe, expect, it } from 'vitest';
import {
  checkScryptParams,
  createPasswordHasher,
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  meetsOwaspFloor,
  testOnlyScryptParams,
  verifyPassword,
} from '../../src/index.js';
import { FAST, fastHasher } from './helpers.js';

const PASSWORD = 'correct horse battery staple';

function viewParams(stored: string) {
  return Scrypt.viewParams(new Uint8Array(Buffer.from(stored, 'base64')));
}

describe('scrypt-kdf hashing', () => {
  it('SEC-HASH-01 hashes with production params at or above the OWASP floor by default', async () => {
    const stored = await hashPassword(PASSWORD);
    expect(stored).toMatch(/^c2NyeXB0[A-Za-z0-9+/]{120}$/);
    expect(stored).toHaveLength(128);
    const params = viewParams(stored);
    expect(params).toEqual({ logN: 17, r: 8, p: 1 });
    expect(meetsOwaspFloor(params)).toBe(true);
    expect(meetsOwaspFloor(DEFAULT_SCRYPT_PARAMS)).toBe(true);
    expect(checkScryptParams(DEFAULT_SCRYPT_PARAMS, { production: true })).toEqual([]);
  });

  it('SEC-HASH-01 accepts each OWASP row and rejects anything weaker', () => {
    expect(meetsOwaspFloor({ logN: 16, r: 8, p: 2 })).toBe(true);
    expect(meetsOwaspFloor({ logN: 15, r: 8, p: 3 })).toBe(true);
    expect(meetsOwaspFloor({ logN: 16, r: 8, p: 1 })).toBe(false);
    expect(meetsOwaspFloor({ logN: 15, r: 8, p: 2 })).toBe(false);
    expect(meetsOwaspFloor({ logN: 17, r: 4, p: 1 })).toBe(false);
    expect(meetsOwaspFloor({ logN: 14, r: 8, p: 8 })).toBe(false);
  });

  it('SEC-HASH-01 refuses weak params unless explicitly marked test-only, and production refuses the mark', async () => {
    expect(() => createPasswordHasher({ params: { logN: 12, r: 8, p: 1 } })).toThrow(/below OWASP's minimum/);
    expect(() => createPasswordHasher({ params: testOnlyScryptParams({ logN: 10 }) })).not.toThrow();
    await expect(hashPassword(PASSWORD, { logN: 12, r: 8, p: 1 })).rejects.toThrow(/below OWASP's minimum/);
    await expect(hashPassword(PASSWORD, testOnlyScryptParams({ logN: 10 }))).resolves.toMatch(/^c2NyeXB0/);
    expect(checkScryptParams(testOnlyScryptParams({ logN: 10 }), { production: true })[0]).toMatch(/test-only/);
    expect(checkScryptParams(testOnlyScryptParams({ logN: 10 }), { production: false })).toEqual([]);
    expect(checkScryptParams({ logN: 14, r: 8, p: 1 }, { production: true })[0]).toMatch(/below OWASP's minimum/);
  });

  it('SEC-HASH-02 gives each hash its own random 32-byte salt', async () => {
    const hasher = fastHasher();
    const [a, b] = await Promise.all([hasher.hash(PASSWORD), hasher.hash(PASSWORD)]);
    expect(a).not.toBe(b);
    const saltA = Buffer.from(a, 'base64').subarray(16, 48);
    const saltB = Buffer.from(b, 'base64').subarray(16, 48);
    expect(saltA).toHaveLength(32);
    expect(saltA.equals(saltB)).toBe(false);
  });

  it('verifies its own hashes and rejects a wrong password', async () => {
    const hasher = fastHasher();
    const stored = await hasher.hash(PASSWORD);
    await expect(hasher.verify(stored, PASSWORD)).resolves.toEqual({ ok: true, needsRehash: false });
    await expect(hasher.verify(stored, 'correct horse battery stapl')).resolves.toEqual({ ok: false, needsRehash: false });
  });

  it('SEC-HASH-03 reports needsRehash for hashes whose params differ from the policy', async () => {
    const old = await fastHasher().hash(PASSWORD);
    const stronger = createPasswordHasher({ params: testOnlyScryptParams({ logN: 11 }) });
    await expect(stronger.verify(old, PASSWORD)).resolves.toEqual({ ok: true, needsRehash: true });
    await expect(stronger.verify(old, 'wrong password here')).resolves.toEqual({ ok: false, needsRehash: false });
  });

  it.each([
    ['garbage', 'garbage'],
    ['empty', ''],
    ['127-char base64', 'c2NyeXB0'.padEnd(127, 'A')],
    ['129-char base64', 'c2NyeXB0'.padEnd(129, 'A')],
    ['bad base64', `c2NyeXB0${'!'.repeat(120)}`],
    ['null', null],
    ['number', 42],
    ['object', { hash: 'x' }],
    ['scrypt-kdf with corrupted checksum', 'c2NyeXB0AAwAAAAIAAAAAQ'.padEnd(128, 'A')],
  ])('SEC-HASH-04 never throws on a malformed stored hash (%s)', async (_label, stored) => {
    const hasher = fastHasher();
    await expect(hasher.verify(stored, PASSWORD)).resolves.toEqual({ ok: false, needsRehash: false });
  });

  it('SEC-HASH-04 never throws on a non-string password', async () => {
    const hasher = fastHasher();
    const stored = await hasher.hash(PASSWORD);
    for (const password of [undefined, null, 1, ['a'], { $ne: 1 }]) {
      await expect(hasher.verify(stored, password)).resolves.toEqual({ ok: false, needsRehash: false });
    }
    await expect(verifyPassword(stored, { toString: () => PASSWORD })).resolves.toEqual({ ok: false, needsRehash: false });
  });

  it('SEC-HASH-04 rejects a stored scrypt-kdf hash that demands more than the memory cap, without running it', async () => {
    const header = Buffer.alloc(96);
    header.write('scrypt', 0, 'ascii');
    header.writeUInt8(0, 6);
    header.writeUInt8(30, 7); // logN 30: 128 GiB
    header.writeUInt32BE(8, 8);
    header.writeUInt32BE(1, 12);
    const hostile = header.toString('base64');
    const started = performance.now();
    await expect(fastHasher().verify(hostile, PASSWORD)).resolves.toEqual({ ok: false, needsRehash: false });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('SEC-HASH-07 the dummy hash is a genuine kdf output with the current params', async () => {
    const hasher = fastHasher();
    const dummy = await hasher.dummyHash();
    expect(viewParams(dummy)).toEqual({ logN: FAST.logN, r: FAST.r, p: FAST.p });
    expect(await hasher.dummyHash()).toBe(dummy); // made once
    const production = createPasswordHasher();
    const realDummy = await production.dummyHash();
    expect(viewParams(realDummy)).toEqual({ logN: 17, r: 8, p: 1 });
    const real = await production.hash(PASSWORD);
    // interleave samples; the dummy costs the same kdf run as a real verify
    const dummyTimes: number[] = [];
    const realTimes: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      let t = performance.now();
      await production.verify(realDummy, 'x');
      dummyTimes.push(performance.now() - t);
      t = performance.now();
      await production.verify(real, PASSWORD);
      realTimes.push(performance.now() - t);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] ?? 0;
    expect(median(dummyTimes)).toBeGreaterThanOrEqual(0.5 * median(realTimes));
  });
});
