import { assertUsableParams, DEFAULT_SCRYPT_PARAMS, type ScryptParams } from './params.js';
import { kdfHash, kdfParams } from './scrypt-kdf-format.js';
import { isLegacyDigest, parseWerkzeugHash, type LegacyHmacHash } from './werkzeug.js';

/**
 * The method prefix of a legacy Werkzeug hash wrapped in scrypt. The stored form is
 * `scrypt-wrapped:<digest>$<salt>$<scrypt-kdf base64 of the legacy hex digest>`: Werkzeug's
 * layout, so the digest and salt needed to recompute the legacy digest stay readable, with
 * scrypt-kdf (which carries its own salt and params) in place of the fast digest.
 */
export const WRAPPED_LEGACY_PREFIX = 'scrypt-wrapped:';

/** A parsed wrapped legacy hash. */
export interface WrappedLegacyHash {
  /** The legacy method: digest and salt, to recompute the legacy digest from a password. */
  legacy: Pick<LegacyHmacHash, 'digest' | 'salt'>;
  /** scrypt-kdf of the legacy digest (hex), base64, its params within the stored-cost cap. */
  kdf: string;
}

/** Digest, salt (Werkzeug's: printable ASCII without `$`), then the 128 base64 characters of scrypt-kdf. */
const WRAPPED = /^scrypt-wrapped:([a-z0-9]+)\$([\x21-\x23\x25-\x7e]*)\$([A-Za-z0-9+/]{128})$/;

/**
 * Parses a hash made by {@link wrapLegacyHash}; `undefined` for anything else, including an
 * unknown digest or a scrypt part that is malformed or demands more than the stored-cost cap.
 *
 * @example
 * parseWrappedLegacyHash(stored)?.legacy.digest; // 'sha256'
 */
export function parseWrappedLegacyHash(stored: string): WrappedLegacyHash | undefined {
  const match = WRAPPED.exec(stored);
  if (!match) return undefined;
  const [, digest = '', salt = '', kdf = ''] = match;
  if (!isLegacyDigest(digest) || !kdfParams(kdf)) return undefined;
  return { legacy: { digest, salt }, kdf };
}

/**
 * Wraps a legacy Werkzeug `sha256$salt$hmac` hash (any legacy digest) in scrypt: the result
 * stores scrypt-kdf of the legacy hex digest, so checking a password computes the legacy digest
 * and then runs exactly one scrypt, like every other login attempt (the bare digest took
 * microseconds, which told those accounts apart from unknown users by timing). The password is
 * not needed: the legacy digest is the scrypt input. Returns `undefined` for anything that is
 * not a legacy hash (scrypt-kdf, Werkzeug scrypt or pbkdf2, malformed values): leave those as
 * they are. The next successful login replaces the wrapped hash with a plain scrypt-kdf hash of
 * the NFKC password (`needsRehash`).
 *
 * @param stored - the stored hash, e.g. `sha256$salt$…64 hex…`
 * @param params - scrypt params of the wrapping; default {@link DEFAULT_SCRYPT_PARAMS}
 * @throws RangeError when `params` are below the floor without the test-only mark (a programmer error)
 * @example
 * const wrapped = await wrapLegacyHash(row.password_hash);
 * if (wrapped) await db.updateTable('users').set({ password_hash: wrapped }).where('id', '=', row.id).execute();
 */
export async function wrapLegacyHash(stored: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string | undefined> {
  assertUsableParams(params);
  const legacy = parseWerkzeugHash(stored);
  if (legacy?.kind !== 'hmac') return undefined;
  return `${WRAPPED_LEGACY_PREFIX}${legacy.digest}$${legacy.salt}$${await kdfHash(legacy.hex, params)}`;
}
