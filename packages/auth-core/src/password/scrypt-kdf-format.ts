import { Scrypt } from './scrypt-kdf.js';
import { MAX_STORED_COST, scryptMemory, type ScryptParams } from './params.js';

/** A scrypt-kdf key is 96 bytes: 128 base64 characters, which always start with `c2NyeXB0` ("scrypt"). */
const KDF_BASE64 = /^c2NyeXB0[A-Za-z0-9+/]{120}$/;

/**
 * Hashes an (already normalized) password into scrypt-kdf's self-describing format, as base64.
 *
 * @example
 * const stored = await kdfHash('correct horse battery staple', DEFAULT_SCRYPT_PARAMS);
 */
export async function kdfHash(password: string, params: ScryptParams): Promise<string> {
  const key = await Scrypt.kdf(password, { logN: params.logN, r: params.r, p: params.p });
  return Buffer.from(key).toString('base64');
}

/**
 * True when `stored` looks like a scrypt-kdf hash (shape only; says nothing of validity).
 *
 * @example
 * isKdfHash(await kdfHash('pw', DEFAULT_SCRYPT_PARAMS)); // true
 * isKdfHash('pbkdf2:sha256:600000$salt$…'); // false
 */
export function isKdfHash(stored: string): boolean {
  return KDF_BASE64.test(stored);
}

/**
 * Reads the params of a scrypt-kdf hash, or `undefined` when it is malformed or demands more
 * than {@link MAX_STORED_COST} (a hostile database row must not make us allocate gigabytes).
 *
 * @example
 * kdfParams(stored); // { logN: 17, r: 8, p: 1 }
 */
export function kdfParams(stored: string): ScryptParams | undefined {
  if (!isKdfHash(stored)) return undefined;
  const bytes = Buffer.from(stored, 'base64');
  if (bytes.length !== 96 || bytes[6] !== 0) return undefined;
  const params = Scrypt.viewParams(new Uint8Array(bytes));
  if (params.logN < 1 || params.r < 1 || params.p < 1) return undefined;
  if (params.p > MAX_STORED_COST.scryptP) return undefined;
  if (scryptMemory(params) > MAX_STORED_COST.scryptMemoryBytes) return undefined;
  return params;
}

/**
 * Verifies an (already normalized) password against a scrypt-kdf hash whose params were checked
 * by {@link kdfParams}. Never throws: any failure is `false`.
 *
 * @example
 * await kdfVerify(stored, 'correct horse battery staple'); // true
 */
export async function kdfVerify(stored: string, password: string): Promise<boolean> {
  try {
    return await Scrypt.verify(new Uint8Array(Buffer.from(stored, 'base64')), password);
  } catch {
    return false;
  }
}
