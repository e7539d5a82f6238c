import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/index.js';
import { fastHasher } from './helpers.js';

interface Vector {
  source: string;
  method: string;
  password: string;
  hash: string;
}

/** Made by real Werkzeug 2.2 (pbkdf2, legacy HMAC) and Werkzeug 3's scrypt recipe: see make-werkzeug-vectors.py. */
const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/werkzeug-vectors.json', import.meta.url), 'utf8'),
) as Vector[];

describe('Werkzeug hashes', () => {
  it('has vectors for every method the migration guide promises', () => {
    const methods = new Set(vectors.map((v) => v.method));
    for (const method of ['pbkdf2:sha256:260000', 'pbkdf2:sha256:600000', 'pbkdf2:sha512:260000', 'sha256', 'scrypt:32768:8:1', 'scrypt:16384:8:2']) {
      expect(methods).toContain(method);
    }
  });

  it.each(vectors.map((v) => [v.method, v.source, v] as const))(
    'SEC-HASH-05 verifies %s (%s) with the right password, needing a rehash, and refuses a wrong one',
    async (_method, _source, vector) => {
      await expect(verifyPassword(vector.hash, vector.password)).resolves.toEqual({ ok: true, needsRehash: true });
      await expect(verifyPassword(vector.hash, `${vector.password}!`)).resolves.toEqual({ ok: false, needsRehash: false });
    },
  );

  it('SEC-HASH-05 verifies legacy hashes against the raw password, not its NFKC form', async () => {
    const vector = vectors.find((v) => v.method === 'pbkdf2:sha256:260000' && v.password !== v.password.normalize('NFKC'));
    expect(vector).toBeDefined();
    if (!vector) return;
    await expect(verifyPassword(vector.hash, vector.password)).resolves.toMatchObject({ ok: true });
    await expect(verifyPassword(vector.hash, vector.password.normalize('NFKC'))).resolves.toMatchObject({ ok: false });
  });

  it.each([
    ['plain method', 'plain$$x'],
    ['sha256 with a non-hex hash', 'sha256$s$h'],
    ['md5 legacy method', 'md5$salt$5f4dcc3b5aa765d61d8327deb882cf99'],
    ['unknown method', 'bcrypt:12$salt$' + 'a'.repeat(64)],
    ['pbkdf2 without iterations', 'pbkdf2:sha256$salt$' + 'a'.repeat(64)],
    ['pbkdf2 with md5', 'pbkdf2:md5:1000$salt$' + 'a'.repeat(32)],
    ['too many $', 'pbkdf2:sha256:1000$a$b$' + 'a'.repeat(64)],
    ['truncated hex', 'pbkdf2:sha256:1000$salt$' + 'a'.repeat(63)],
    ['uppercase hex', 'pbkdf2:sha256:1000$salt$' + 'A'.repeat(64)],
    ['scrypt N not a power of two', 'scrypt:30000:8:1$salt$' + 'a'.repeat(128)],
  ])('SEC-HASH-05 refuses %s', async (_label, stored) => {
    await expect(fastHasher().verify(stored, 'password')).resolves.toEqual({ ok: false, needsRehash: false });
  });

  it.each([
    ['scrypt:1048576000:8:1', 'scrypt:1048576000:8:1$salt$' + 'a'.repeat(128)],
    ['scrypt:1048576:8:1 (1 GiB)', 'scrypt:1048576:8:1$salt$' + 'a'.repeat(128)],
    ['scrypt:32768:8:1000', 'scrypt:32768:8:1000$salt$' + 'a'.repeat(128)],
    ['pbkdf2 with 10^9 iterations', 'pbkdf2:sha256:1000000000$salt$' + 'a'.repeat(64)],
  ])('SEC-HASH-05 caps the cost a stored hash may demand: %s → false quickly', async (_label, stored) => {
    const started = performance.now();
    await expect(fastHasher().verify(stored, 'password')).resolves.toEqual({ ok: false, needsRehash: false });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
