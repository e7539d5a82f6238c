import { createHash, randomBytes } from 'node:crypto';
import { SESSION_ID_BYTES } from '../config/defaults.js';

/** A session id: 43 base64url characters (32 random bytes). */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * Makes a new session id: 256 bits from `crypto.randomBytes`, base64url (43 characters).
 *
 * @example
 * generateSessionId(); // 'q3J0…' (43 characters)
 */
export function generateSessionId(): string {
  return randomBytes(SESSION_ID_BYTES).toString('base64url');
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
  return createHash('sha256').update(id, 'utf8').digest('hex');
}
