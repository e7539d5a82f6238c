import type { SessionStore } from './types.js';
import { MemoryStore } from '../stores/memory.js';
import { MAKE_KEY_COMMAND, MIN_KEY_BYTES, sessionKeyProblem } from './session-keys.js';

export { MIN_KEY_BYTES } from './session-keys.js';

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

/**
 * Lists what makes a session configuration unsafe, as sentences that say what to fix. In
 * development only a missing store or missing keys are problems; in production also weak keys
 * (see `sessionKeyProblem`: under 32 bytes once decoded, a repeating pattern, or a documented
 * example), insecure cookies, a cookie name without the `__Host-` prefix and the in-memory store.
 *
 * @example
 * checkSessionConfig({ store, keys: ['short'], secure: true, cookieName: '__Host-sid' }, { production: true });
 * // ['SESSION_KEYS: key 1 is neither base64 nor hex; each key must be at least 32 random bytes …']
 */
export function checkSessionConfig(facts: SessionConfigFacts, options: { production: boolean }): string[] {
  const problems: string[] = [];
  if (!facts.store) problems.push('No session store: pass `store` (SQLite, Redis, or MemoryStore in development).');
  if (!facts.keys || facts.keys.length === 0) {
    problems.push(`No cookie signing keys: set SESSION_KEYS to one or more random keys of at least ${MIN_KEY_BYTES} bytes, base64 or hex (\`${MAKE_KEY_COMMAND}\`).`);
  }
  if (!options.production) return problems;
  facts.keys?.forEach((key, i) => {
    const problem = sessionKeyProblem(key, i + 1);
    if (problem) problems.push(problem);
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
