import type { SessionStore } from './types.js';
import { MemoryStore } from './memory-store.js';

/** The settings {@link checkSessionConfig} inspects. */
export interface SessionConfigFacts {
  /** The configured store, if any. */
  store: SessionStore | undefined;
  /** Cookie signing keys, newest first. */
  keys: readonly string[] | undefined;
  /** Whether cookies are Secure. */
  secure: boolean;
  /** The session cookie's name. */
  cookieName: string;
}

/** Smallest signing key accepted in production, in bytes (256 bits). */
export const MIN_KEY_BYTES = 32;

/**
 * Lists what makes a session configuration unsafe, as sentences that say what to fix. In
 * development only a missing store or missing keys are problems; in production also short keys,
 * insecure cookies, a cookie name without the `__Host-` prefix and the in-memory store.
 *
 * @example
 * checkSessionConfig({ store, keys: ['short'], secure: true, cookieName: '__Host-sid' }, { production: true });
 * // ['SESSION_KEYS: key 1 is 5 bytes; use at least 32 random bytes …']
 */
export function checkSessionConfig(facts: SessionConfigFacts, options: { production: boolean }): string[] {
  const problems: string[] = [];
  if (!facts.store) problems.push('No session store: pass `store` (SQLite, Redis, or MemoryStore in development).');
  if (!facts.keys || facts.keys.length === 0) {
    problems.push('No cookie signing keys: set SESSION_KEYS to one or more random secrets of at least 32 bytes (`openssl rand -base64 48`).');
  }
  if (!options.production) return problems;
  facts.keys?.forEach((key, i) => {
    const bytes = Buffer.byteLength(key, 'utf8');
    if (bytes < MIN_KEY_BYTES) {
      problems.push(`SESSION_KEYS: key ${i + 1} is ${bytes} bytes; use at least ${MIN_KEY_BYTES} random bytes (\`openssl rand -base64 48\`).`);
    }
  });
  if (!facts.secure) problems.push('Session cookies must be Secure in production: serve over HTTPS and keep `secure: true`.');
  if (!facts.cookieName.startsWith('__Host-')) {
    problems.push(`The session cookie is named "${facts.cookieName}"; in production use a "__Host-" name (e.g. "__Host-sid") so no subdomain can set it.`);
  }
  if (facts.store instanceof MemoryStore) {
    problems.push('MemoryStore forgets sessions on restart and is not shared between instances; use the SQLite or Redis store in production.');
  }
  return problems;
}
