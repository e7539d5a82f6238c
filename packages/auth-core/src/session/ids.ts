import { hash, randomFillSync } from 'node:crypto';
import { SESSION_ID_BYTES } from '../config/defaults.js';

/** A session id: 43 base64url characters (32 random bytes). */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** Random bytes drawn from the CSPRNG ahead of need, 128 ids at a time; each byte is handed out once. */
const POOL = Buffer.alloc(SESSION_ID_BYTES * 128);
let poolOffset = POOL.length;

/**
 * Makes a new session id: 256 bits from Node's CSPRNG (`crypto.randomFillSync`), base64url (43
 * characters). The bytes come from a pool refilled 4 KiB at a time, as `crypto.randomUUID` does:
 * one CSPRNG call per 128 ids instead of one each. koa-session asks for an id on every request
 * without a session (an anonymous page), so this is on the hot path; the bytes are the same
 * CSPRNG output, and each is used for one id only.
 *
 * @example
 * generateSessionId(); // 'q3J0…' (43 characters)
 */
export function generateSessionId(): string {
  if (poolOffset + SESSION_ID_BYTES > POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  const id = POOL.toString('base64url', poolOffset, poolOffset + SESSION_ID_BYTES);
  POOL.fill(0, poolOffset, poolOffset + SESSION_ID_BYTES);
  poolOffset += SESSION_ID_BYTES;
  return id;
}

/**
 * Whether `id` has the shape of an id this module made. Anything else (forged, truncated,
 * oversized) is never looked up.
 *
 * @example
 * isSessionIdShape(generateSessionId()); // true
 * isSessionIdShape('attacker123');       // false
 */
export function isSessionIdShape(id: unknown): id is string {
  return typeof id === 'string' && SESSION_ID.test(id);
}

/**
 * The SHA-256 digest (hex) of a session id: the only form in which ids are stored, so a leaked
 * store does not hand out live sessions.
 *
 * @example
 * digestSessionId(id); // 64 hex characters
 */
export function digestSessionId(id: string): string {
  // crypto.hash (Node 20.12+): one call, about a quarter of createHash().update().digest()'s time.
  return hash('sha256', id, 'hex');
}
