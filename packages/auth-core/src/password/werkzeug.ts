import { createHash, createHmac, pbkdf2, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { MAX_STORED_COST } from './params.js';

const pbkdf2Async = promisify(pbkdf2);
const scryptAsync = promisify(scrypt) as (
  password: Buffer,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** Digests Werkzeug could use, with their output size in bytes. MD5 and friends are refused. */
const DIGEST_BYTES: Readonly<Record<string, number>> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

/** A parsed Werkzeug hash, ready to verify. */
export type WerkzeugHash =
  | { kind: 'scrypt'; n: number; r: number; p: number; salt: string; hex: string }
  | { kind: 'pbkdf2'; digest: string; iterations: number; salt: string; hex: string }
  | LegacyHmacHash;

/** Werkzeug's legacy `sha256$salt$hmac` (any of its digests): one HMAC, no work factor. */
export interface LegacyHmacHash {
  /** Always `hmac`. */
  kind: 'hmac';
  /** The digest name (`sha256`, `sha1`, …). */
  digest: string;
  /** The salt as stored; empty means a bare digest. */
  salt: string;
  /** The digest, lower-case hex. */
  hex: string;
}

const HEX = /^[0-9a-f]+$/;
const SALT = /^[\x21-\x7e]*$/; // Werkzeug salts are ASCII letters and digits; no spaces, no '$'

/**
 * Whether `name` is a digest Werkzeug's legacy methods could use (and we accept).
 *
 * @example
 * isLegacyDigest('sha256'); // true
 * isLegacyDigest('md5'); // false
 */
export function isLegacyDigest(name: string): boolean {
  return Object.hasOwn(DIGEST_BYTES, name);
}

function isPowerOfTwo(n: number): boolean {
  return n >= 2 && (n & (n - 1)) === 0;
}

function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^[1-9]\d{0,9}$/.test(text)) return undefined;
  return Number(text);
}

/**
 * Parses `method$salt$hex` as Werkzeug writes it: `scrypt:N:r:p`, `pbkdf2:<digest>:<iterations>`
 * or a legacy bare digest (`sha256`: HMAC-SHA256 keyed with the salt). Returns `undefined` for
 * anything else, including costs above {@link MAX_STORED_COST}.
 *
 * @example
 * parseWerkzeugHash('pbkdf2:sha256:600000$abc$…')?.kind; // 'pbkdf2'
 */
export function parseWerkzeugHash(stored: string): WerkzeugHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 3) return undefined;
  const [method = '', salt = '', hex = ''] = parts;
  if (!SALT.test(salt) || !HEX.test(hex)) return undefined;
  const fields = method.split(':');
  const name = fields[0];

  if (name === 'scrypt') {
    const [n, r, p] = fields.length === 1 ? [2 ** 15, 8, 1] : fields.slice(1).map(wholeNumber);
    if (fields.length !== 1 && fields.length !== 4) return undefined;
    if (n === undefined || r === undefined || p === undefined || !isPowerOfTwo(n)) return undefined;
    if (p > MAX_STORED_COST.scryptP || 128 * n * r > MAX_STORED_COST.scryptMemoryBytes) return undefined;
    if (hex.length !== 128 || salt.length === 0) return undefined;
    return { kind: 'scrypt', n, r, p, salt, hex };
  }
  if (name === 'pbkdf2') {
    const digest = fields[1] ?? '';
    const iterations = wholeNumber(fields[2]);
    const size = DIGEST_BYTES[digest];
    if (fields.length !== 3 || size === undefined || iterations === undefined) return undefined;
    if (iterations > MAX_STORED_COST.pbkdf2Iterations || hex.length !== size * 2) return undefined;
    return { kind: 'pbkdf2', digest, iterations, salt, hex };
  }
  const size = name === undefined ? undefined : DIGEST_BYTES[name];
  if (fields.length === 1 && name !== undefined && size !== undefined && hex.length === size * 2) {
    return { kind: 'hmac', digest: name, salt, hex };
  }
  return undefined;
}

/**
 * Werkzeug's legacy digest of `password` (exactly as typed): HMAC keyed with the salt, or a bare
 * digest when the salt is empty, as lower-case hex. It costs microseconds, which is why such
 * hashes are stored wrapped in scrypt (see `wrapLegacyHash`).
 *
 * @example
 * legacyDigestHex({ kind: 'hmac', digest: 'sha256', salt: 'salt', hex: '' }, 'pw'); // '…64 hex…'
 */
export function legacyDigestHex(hash: Pick<LegacyHmacHash, 'digest' | 'salt'>, password: string): string {
  return hmacDigest(hash, Buffer.from(password, 'utf8')).toString('hex');
}

function hmacDigest(hash: Pick<LegacyHmacHash, 'digest' | 'salt'>, password: Buffer): Buffer {
  // Werkzeug < 2.3 "legacy" methods: HMAC(salt, password), or a bare digest when the salt is empty.
  return hash.salt === ''
    ? createHash(hash.digest).update(password).digest()
    : createHmac(hash.digest, Buffer.from(hash.salt, 'ascii')).update(password).digest();
}

async function derive(hash: WerkzeugHash, password: Buffer): Promise<Buffer> {
  const salt = Buffer.from(hash.salt, 'ascii');
  switch (hash.kind) {
    case 'scrypt': {
      // Node's default maxmem (32 MiB) is too small for Werkzeug's params; allow exactly what they need.
      const maxmem = 132 * hash.n * hash.r * hash.p + 1024 * 1024;
      return scryptAsync(password, salt, 64, { N: hash.n, r: hash.r, p: hash.p, maxmem });
    }
    case 'pbkdf2':
      return pbkdf2Async(password, salt, hash.iterations, DIGEST_BYTES[hash.digest] ?? 32, hash.digest);
    case 'hmac':
      return hmacDigest(hash, password);
  }
}

/**
 * Verifies a password against a parsed Werkzeug hash, with the password exactly as typed (Werkzeug
 * never normalized it), in constant time. Never throws.
 *
 * @example
 * const parsed = parseWerkzeugHash(stored);
 * if (parsed) await verifyWerkzeugHash(parsed, password);
 */
export async function verifyWerkzeugHash(hash: WerkzeugHash, password: string): Promise<boolean> {
  try {
    const actual = await derive(hash, Buffer.from(password, 'utf8'));
    const expected = Buffer.from(hash.hex, 'hex');
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}
