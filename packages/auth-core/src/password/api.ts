import { availableParallelism } from 'node:os';
import { createPasswordHasher, type PasswordHasher, type VerifyResult } from './hasher.js';
import { createHashQueue } from './hash-queue.js';
import { DEFAULT_SCRYPT_PARAMS, type ScryptParams } from './params.js';

/** One hash queue for the module-level functions, so together they never exceed the concurrency cap. */
const sharedQueue = createHashQueue({ maxConcurrent: Math.min(2, availableParallelism()), maxQueue: 64 });
const hashers = new Map<string, PasswordHasher>();

function hasherFor(params: ScryptParams): PasswordHasher {
  const key = `${params.logN}:${params.r}:${params.p}:${params.testOnly === true ? 't' : ''}`;
  let hasher = hashers.get(key);
  if (!hasher) {
    hasher = createPasswordHasher({ params, queue: sharedQueue });
    hashers.set(key, hasher);
  }
  return hasher;
}

/**
 * Hashes a password with scrypt (scrypt-kdf) after NFKC normalization: the TypeScript form of
 * Werkzeug's `generate_password_hash`. The result is 128 base64 characters that carry their own
 * params and 32-byte random salt.
 *
 * @param password - the password exactly as the user typed it
 * @param params - scrypt params; defaults to {@link DEFAULT_SCRYPT_PARAMS} (N=2^17, r=8, p=1)
 * @example
 * const stored = await hashPassword('correct horse battery staple');
 * stored.startsWith('c2NyeXB0'); // true
 */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  // async, so params below the floor reject the promise rather than throw at the call
  return hasherFor(params).hash(password);
}

/**
 * Checks a password against a stored hash: the TypeScript form of Werkzeug's
 * `check_password_hash`. Accepts scrypt-kdf hashes and Werkzeug's `scrypt:N:r:p$salt$hex`,
 * `pbkdf2:sha256|sha512:iter$salt$hex`, legacy `sha256$salt$hmac` and legacy hashes wrapped in
 * scrypt (`scrypt-wrapped:sha256$salt$…`, see `wrapLegacyHash`). A legacy digest takes
 * microseconds, so it is always followed by one scrypt: the wrapped one, or (not yet wrapped) one
 * against the dummy hash, and its account cannot be told apart by timing. Never throws: a malformed or unknown stored value is `{ ok: false }`.
 * `needsRehash` is true for every legacy hash that matched and for scrypt-kdf hashes whose params
 * differ from {@link DEFAULT_SCRYPT_PARAMS}.
 *
 * @example
 * const { ok, needsRehash } = await verifyPassword(user.passwordHash, form.password);
 * if (ok && needsRehash) await saveHash(await hashPassword(form.password));
 */
export function verifyPassword(stored: unknown, password: unknown): Promise<VerifyResult> {
  return hasherFor(DEFAULT_SCRYPT_PARAMS).verify(stored, password);
}
