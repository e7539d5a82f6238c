/** Sessions: the store interface, the memory store, koa-session wiring and user loading. */
export { checkSessionConfig, MIN_KEY_BYTES, type SessionConfigFacts } from './config-check.js';
export type { KoaSession } from './context.js';
export { createSession, UnsafeSessionConfigError, type CreateSessionOptions } from './create-session.js';
export { SessionExistsError, SessionStoreUnavailableError } from './errors.js';
export { DOCUMENTED_EXAMPLE_KEYS } from './example-keys.js';
export { digestSessionId, generateSessionId, isSessionIdShape } from './ids.js';
export { toKoaSessionStore, type KoaSessionExternalStore, type KoaStoreOptions } from './koa-store.js';
export { loadUser, type LoadUserOptions, type SessionUser } from './load-user.js';
export { MemoryStore, type MemoryStoreOptions } from './memory-store.js';
export { decodeSessionKey, MAKE_KEY_COMMAND, sessionKeyProblem, type DecodedSessionKey } from './session-keys.js';
export type { AuthSessionFields, SessionStore, SessionSummary } from './types.js';
