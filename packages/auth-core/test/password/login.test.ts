import { describe, expect, it, vi } from 'vitest';
import { createPasswordHasher, testOnlyScryptParams, verifyLogin } from '../../src/index.js';
import { Scrypt } from '../../src/password/scrypt-kdf.js';
import { fastHasher } from './helpers.js';

const PASSWORD = 'correct horse battery staple';

describe('verifyLogin', () => {
  it('SEC-AUTH-02 runs exactly one real scrypt on the unknown-user, wrong-password and right-password paths, the first unknown user included', async () => {
    const kdf = vi.spyOn(Scrypt, 'kdf');
    const scryptRuns = vi.spyOn(Scrypt, 'verify');
    try {
      const hasher = fastHasher();
      // the hasher starts the dummy hash when it is made, not on the first unknown user
      expect(kdf).toHaveBeenCalledTimes(1);
      await hasher.dummyHash();
      const user = { passwordHash: await hasher.hash(PASSWORD) };
      for (const attempt of [
        { user: undefined, password: PASSWORD, ok: false },
        { user: undefined, password: PASSWORD, ok: false },
        { user, password: 'wrong password', ok: false },
        { user, password: PASSWORD, ok: true },
      ]) {
        kdf.mockClear();
        scryptRuns.mockClear();
        await expect(verifyLogin({ hasher, user: attempt.user, password: attempt.password })).resolves.toEqual({ ok: attempt.ok, rehashed: false });
        expect(kdf).not.toHaveBeenCalled();
        expect(scryptRuns).toHaveBeenCalledTimes(1);
      }
    } finally {
      kdf.mockRestore();
      scryptRuns.mockRestore();
    }
  });

  it('SEC-HASH-03 rehashes an outdated hash on success and saves it; a failure saves nothing', async () => {
    const old = createPasswordHasher({ params: testOnlyScryptParams({ logN: 12 }) });
    const hasher = fastHasher();
    const user = { passwordHash: await old.hash(PASSWORD) };
    const saveHash = vi.fn((hash: string) => {
      user.passwordHash = hash;
      return Promise.resolve();
    });
    const before = user.passwordHash;
    await expect(verifyLogin({ hasher, user, password: 'wrong password', saveHash })).resolves.toEqual({ ok: false, rehashed: false });
    expect(saveHash).not.toHaveBeenCalled();
    expect(user.passwordHash).toBe(before);

    await expect(verifyLogin({ hasher, user, password: PASSWORD, saveHash })).resolves.toEqual({ ok: true, rehashed: true });
    expect(saveHash).toHaveBeenCalledTimes(1);
    await expect(hasher.verify(user.passwordHash, PASSWORD)).resolves.toEqual({ ok: true, needsRehash: false });
  });

  it('SEC-HASH-03 rehashes a Werkzeug hash from the NFKC form of the password', async () => {
    const hasher = fastHasher();
    // Werkzeug legacy HMAC-SHA256 of the raw password "ｐａｓｓ ｗｏｒｄ ｆｉｓｈ" with salt "salt".
    const { createHmac } = await import('node:crypto');
    const raw = 'ｐａｓｓ ｗｏｒｄ ｆｉｓｈ';
    const user = { passwordHash: `sha256$salt$${createHmac('sha256', 'salt').update(raw).digest('hex')}` };
    let saved = '';
    const result = await verifyLogin({ hasher, user, password: raw, saveHash: (h) => Promise.resolve(void (saved = h)) });
    expect(result).toEqual({ ok: true, rehashed: true });
    await expect(hasher.verify(saved, 'pass word fish')).resolves.toMatchObject({ ok: true });
  });

  it('still signs in when saving the new hash fails', async () => {
    const hasher = fastHasher();
    const user = { passwordHash: await createPasswordHasher({ params: testOnlyScryptParams({ logN: 11 }) }).hash(PASSWORD) };
    const result = await verifyLogin({ hasher, user, password: PASSWORD, saveHash: () => Promise.reject(new Error('db down')) });
    expect(result).toEqual({ ok: true, rehashed: false });
  });

  it('SEC-HASH-04 a user with a malformed stored hash fails like a wrong password, after one hash', async () => {
    const hasher = fastHasher();
    await hasher.dummyHash();
    const scryptRuns = vi.spyOn(Scrypt, 'verify');
    try {
      for (const passwordHash of ['garbage', '', null, 'c2NyeXB0'.padEnd(127, 'A')]) {
        scryptRuns.mockClear();
        await expect(verifyLogin({ hasher, user: { passwordHash }, password: PASSWORD })).resolves.toEqual({ ok: false, rehashed: false });
        expect(scryptRuns).toHaveBeenCalledTimes(1);
      }
    } finally {
      scryptRuns.mockRestore();
    }
  });
});
