import { describe, expect, it, vi } from 'vitest';
import { createPasswordHasher, testOnlyScryptParams, verifyLogin } from '../../src/index.js';
import { fastHasher } from './helpers.js';

const PASSWORD = 'correct horse battery staple';

describe('verifyLogin', () => {
  it('SEC-AUTH-02 runs exactly one hash on the unknown-user and the wrong-password paths', async () => {
    const hasher = fastHasher();
    const user = { passwordHash: await hasher.hash(PASSWORD) };
    await hasher.dummyHash();
    const verify = vi.spyOn(hasher, 'verify');
    await expect(verifyLogin({ hasher, user: undefined, password: PASSWORD })).resolves.toEqual({ ok: false, rehashed: false });
    expect(verify).toHaveBeenCalledTimes(1);
    verify.mockClear();
    await expect(verifyLogin({ hasher, user, password: 'wrong password' })).resolves.toEqual({ ok: false, rehashed: false });
    expect(verify).toHaveBeenCalledTimes(1);
    verify.mockClear();
    await expect(verifyLogin({ hasher, user, password: PASSWORD })).resolves.toEqual({ ok: true, rehashed: false });
    expect(verify).toHaveBeenCalledTimes(1);
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
    for (const passwordHash of ['garbage', '', null]) {
      await expect(verifyLogin({ hasher, user: { passwordHash }, password: PASSWORD })).resolves.toEqual({ ok: false, rehashed: false });
    }
  });
});
