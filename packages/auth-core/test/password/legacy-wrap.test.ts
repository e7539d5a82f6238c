import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyLogin, wrapLegacyHash, WRAPPED_LEGACY_PREFIX, type PasswordHasher } from '../../src/index.js';
import { Scrypt } from '../../src/password/scrypt-kdf.js';
import { FAST, fastHasher } from './helpers.js';

interface Vector {
  method: string;
  password: string;
  hash: string;
}

const vectors = JSON.parse(readFileSync(new URL('../fixtures/werkzeug-vectors.json', import.meta.url), 'utf8')) as Vector[];
const legacy = vectors.find((v) => v.method === 'sha256');
if (!legacy) throw new Error('werkzeug-vectors.json has no legacy sha256 vector');
const { hash: LEGACY_HASH, password: LEGACY_PASSWORD } = legacy;

afterEach(() => {
  vi.restoreAllMocks();
});

/** scrypt runs (hashes made and verified) while `action` runs. */
async function scryptRuns(action: () => Promise<unknown>): Promise<number> {
  const kdf = vi.spyOn(Scrypt, 'kdf');
  const verify = vi.spyOn(Scrypt, 'verify');
  await action();
  const runs = kdf.mock.calls.length + verify.mock.calls.length;
  kdf.mockRestore();
  verify.mockRestore();
  return runs;
}

async function readyHasher(): Promise<PasswordHasher> {
  const hasher = fastHasher();
  await hasher.dummyHash();
  return hasher;
}

describe('legacy sha256$ hashes wrapped in scrypt', () => {
  it('SEC-HASH-05 a wrapped Werkzeug vector verifies with the right password, needing a rehash, and refuses others', async () => {
    const hasher = await readyHasher();
    const wrapped = (await wrapLegacyHash(LEGACY_HASH, FAST)) ?? '';
    expect(wrapped.startsWith(`${WRAPPED_LEGACY_PREFIX}sha256$`)).toBe(true);
    expect(wrapped).not.toContain(LEGACY_HASH.split('$')[2]); // the fast digest is no longer stored
    await expect(hasher.verify(wrapped, LEGACY_PASSWORD)).resolves.toEqual({ ok: true, needsRehash: true });
    for (const wrong of [`${LEGACY_PASSWORD}!`, LEGACY_PASSWORD.toUpperCase(), '', 'f39946f7e0f942adaf91df1589665451ab084bdb749616cff7de8008de7212a3']) {
      await expect(hasher.verify(wrapped, wrong), wrong).resolves.toEqual({ ok: false, needsRehash: false });
    }
  });

  it('SEC-HASH-05 wraps only legacy digests, and a tampered wrapped hash is an ordinary failure', async () => {
    const hasher = await readyHasher();
    const pbkdf2 = vectors.find((v) => v.method.startsWith('pbkdf2'))?.hash ?? '';
    for (const other of [pbkdf2, await hasher.hash(LEGACY_PASSWORD), 'garbage', 'md5$salt$5f4dcc3b5aa765d61d8327deb882cf99']) {
      await expect(wrapLegacyHash(other, FAST)).resolves.toBeUndefined();
    }
    const wrapped = (await wrapLegacyHash(LEGACY_HASH, FAST)) ?? '';
    for (const bad of [wrapped.replace('sha256', 'md5'), wrapped.slice(0, -1), wrapped.replace('$QqqD', '$Xqq'), `${wrapped}$x`]) {
      await expect(hasher.verify(bad, LEGACY_PASSWORD), bad).resolves.toEqual({ ok: false, needsRehash: false });
    }
  });

  it('SEC-AUTH-02 every path runs exactly one scrypt: wrapped legacy, unwrapped legacy, unknown user, scrypt-kdf', async () => {
    const hasher = await readyHasher();
    const wrapped = (await wrapLegacyHash(LEGACY_HASH, FAST)) ?? '';
    const current = await hasher.hash(LEGACY_PASSWORD);
    const paths = [
      ['wrapped legacy, right password', { passwordHash: wrapped }, LEGACY_PASSWORD],
      ['wrapped legacy, wrong password', { passwordHash: wrapped }, 'wrong'],
      ['unwrapped legacy, right password', { passwordHash: LEGACY_HASH }, LEGACY_PASSWORD],
      ['unwrapped legacy, wrong password', { passwordHash: LEGACY_HASH }, 'wrong'],
      ['unknown user', undefined, LEGACY_PASSWORD],
      ['scrypt-kdf, wrong password', { passwordHash: current }, 'wrong'],
      ['scrypt-kdf, right password', { passwordHash: current }, LEGACY_PASSWORD],
    ] as const;
    for (const [label, user, password] of paths) {
      // no saveHash: the rehash after a legacy success is a new hash, not part of the check
      expect(await scryptRuns(() => verifyLogin({ hasher, user, password })), label).toBe(1);
    }
    await expect(hasher.verify(LEGACY_HASH, LEGACY_PASSWORD)).resolves.toEqual({ ok: true, needsRehash: true });
    await expect(hasher.verify(LEGACY_HASH, 'wrong')).resolves.toEqual({ ok: false, needsRehash: false });
  });
});
