import { DOCUMENTED_EXAMPLE_KEYS } from './example-keys.js';

/** Smallest signing key accepted in production, in bytes after decoding (256 bits). */
export const MIN_KEY_BYTES = 32;

/** The command the messages and docs give for making a key: 32 random bytes, base64. */
export const MAKE_KEY_COMMAND = 'openssl rand -base64 32';

/**
 * A key whose text or bytes repeat what came at most this many places before, over
 * {@link REPEAT_RUN} places in a row, is a pattern (`aaaa…`, `abcabc…`, `changemechangeme…`).
 */
const MAX_PERIOD = 16;
/** Random base64 repeats that way by chance with odds of 64^-12 per place; hex 16^-12; bytes 256^-12. */
const REPEAT_RUN = 12;

/** How a key was read, and its bytes. */
export interface DecodedSessionKey {
  /** `hex` when the key is an even number of hex digits, else `base64` (standard or URL alphabet). */
  encoding: 'hex' | 'base64';
  /** The key's bytes: what its length and patterns are judged on. */
  bytes: Buffer;
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]+|[A-Za-z0-9_-]+)={0,2}$/;

/**
 * Decodes a `SESSION_KEYS` entry for judging its strength: an even number of hex digits is hex
 * (so a 32-character hex key is 16 bytes, even though it is also valid base64); otherwise
 * base64 in the standard (`+/`) or URL (`-_`) alphabet, not mixed, padding optional but
 * well-placed. Anything else (spaces, other punctuation, a broken length) is undefined: not a
 * key. The key still signs cookies as the text it is; decoding only measures it.
 *
 * @example
 * decodeSessionKey(randomBytes(32).toString('base64'))?.bytes.length; // 32
 * decodeSessionKey('a'.repeat(32)); // { encoding: 'hex', bytes: <16 bytes> }
 * decodeSessionKey('correct horse'); // undefined
 */
export function decodeSessionKey(key: string): DecodedSessionKey | undefined {
  if (HEX.test(key)) return { encoding: 'hex', bytes: Buffer.from(key, 'hex') };
  if (!BASE64.test(key)) return undefined;
  const unpadded = key.replace(/=+$/, '');
  if (unpadded.length % 4 === 1 || (unpadded.length !== key.length && key.length % 4 !== 0)) return undefined;
  return { encoding: 'base64', bytes: Buffer.from(unpadded, 'base64') };
}

/** Whether some stretch of `units` repeats what came 1 to {@link MAX_PERIOD} places before it, {@link REPEAT_RUN} places in a row. */
function repeatsShortPattern(units: ArrayLike<number | string>): boolean {
  for (let period = 1; period <= MAX_PERIOD; period += 1) {
    let run = 0;
    for (let i = 0; i + period < units.length; i += 1) {
      run = units[i] === units[i + period] ? run + 1 : 0;
      if (run >= REPEAT_RUN) return true;
    }
  }
  return false;
}

const EXAMPLE_BYTES = DOCUMENTED_EXAMPLE_KEYS.flatMap((key) => decodeSessionKey(key)?.bytes ?? []);

/**
 * Says what is wrong with one `SESSION_KEYS` entry for production, or undefined when it is
 * fine: it must decode (see {@link decodeSessionKey}) to at least {@link MIN_KEY_BYTES} bytes,
 * must not repeat a short pattern in its text or its bytes, and must not be a key the
 * documentation prints. The sentence names the key by position, never by value, and says how
 * to make a good one.
 *
 * @example
 * sessionKeyProblem('a'.repeat(48), 1);
 * // 'SESSION_KEYS: key 1 is 24 bytes after hex decoding; each key must be at least 32 random bytes …'
 * sessionKeyProblem(randomBytes(32).toString('base64'), 1); // undefined
 */
export function sessionKeyProblem(key: string, position: number): string | undefined {
  const fix = `each key must be at least ${MIN_KEY_BYTES} random bytes, written as base64 or hex: make one with \`${MAKE_KEY_COMMAND}\`.`;
  const decoded = decodeSessionKey(key);
  if (!decoded) return `SESSION_KEYS: key ${position} is neither base64 nor hex; ${fix}`;
  if (decoded.bytes.length < MIN_KEY_BYTES) {
    return `SESSION_KEYS: key ${position} is ${decoded.bytes.length} bytes after ${decoded.encoding} decoding; ${fix}`;
  }
  if (repeatsShortPattern(key.replace(/=+$/, '')) || repeatsShortPattern(decoded.bytes)) {
    return `SESSION_KEYS: key ${position} repeats a short pattern, so it is not random; ${fix}`;
  }
  if (EXAMPLE_BYTES.some((example) => example.equals(decoded.bytes))) {
    return `SESSION_KEYS: key ${position} is the example printed in the documentation, which anyone can read; ${fix}`;
  }
  return undefined;
}
