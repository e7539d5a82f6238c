/** Sessions without a framework: ids, records, keys, the store interface and the config check. */
export { checkSessionConfig, MIN_KEY_BYTES, type SessionConfigFacts } from './config-check.js';
export { SessionExistsError, SessionStoreUnavailableError } from './errors.js';
export { DOCUMENTED_EXAMPLE_KEYS } from './example-keys.js';
export { digestSessionId, generateSessionId, isSessionIdShape } from './ids.js';
export { decodeSessionKey, MAKE_KEY_COMMAND, sessionKeyProblem, type DecodedSessionKey } from './session-keys.js';
export type { AuthSessionFields, SessionStore, SessionSummary } from './types.js';
