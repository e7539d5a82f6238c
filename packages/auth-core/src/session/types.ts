/**
 * The shapes shared by the session layer (stores, koa-session wiring) and the Koa guards
 * (login, logout, CSRF, loginRequired). One file so both sides agree.
 */

/**
 * What auth-core keeps in `ctx.session` (koa-session's session object). Apps may add their own
 * keys (flash messages, preferences); these are the ones auth-core owns.
 */
export interface AuthSessionFields {
  /** The signed-in user's id; absent for anonymous sessions. */
  userId?: string;
  /** When the user last entered their password (ms since epoch): login or password change. */
  authAt?: number;
  /** The user's `authEpoch` at login; a mismatch with the user record revokes the session. */
  authEpoch?: number;
  /** When this session was created (ms since epoch): the absolute timeout counts from here. */
  createdAt?: number;
  /** When this session was last used (ms since epoch): the idle timeout counts from here. */
  lastSeenAt?: number;
  /** The CSRF synchronizer token (base64url, 32 random bytes). Rotated at login and password change. */
  csrfToken?: string;
  /** User agent at login, for "your sessions" (truncated, display only). */
  userAgent?: string;
  /** Client IP at login, for "your sessions" (display only). */
  ip?: string;
}

/** One session as listed for "your sessions": never the raw id, only its digest. */
export interface SessionSummary {
  /** SHA-256 digest (hex) of the session id, the store's key: safe to show and to use for revoking. */
  digest: string;
  /** The session's data as stored. */
  data: AuthSessionFields & Record<string, unknown>;
  /** When the record expires (ms since epoch). */
  expiresAt: number;
}

/**
 * The storage boundary for sessions. Every adapter (memory, SQLite, Redis, or yours) implements
 * this and passes `testSessionStore()` from `@acme/auth-core/testing`.
 *
 * Keys are SHA-256 digests (hex) of session ids: the koa-session adapter hashes every id before
 * it reaches a store, so no store ever sees or keeps a raw id. Values are plain JSON objects.
 * Writes are split in two on purpose: `create` for new ids only, `update` for existing sessions
 * only, so a destroyed session (logout, revoke, password change) can never be written back.
 */
export interface SessionStore {
  /** Returns the session data, or `undefined` if it is missing or expired. */
  get(key: string): Promise<Record<string, unknown> | undefined>;
  /**
   * Inserts a new session: `data` under `key` for `ttlMs` milliseconds. Insert-only: when `key`
   * already holds a live session it must reject with `SessionExistsError` and change
   * nothing, never replace it. Called for ids made on this request (sign-in, regenerate).
   */
  create(key: string, data: Record<string, unknown>, ttlMs: number): Promise<void>;
  /**
   * Replaces the data of an existing live session and gives it `ttlMs` milliseconds from now;
   * resolves `true`. Update-only: when the session is missing, destroyed or expired it must write
   * nothing at all (no record, no per-user index entry) and resolve `false`, in one atomic step,
   * so a request that was in flight when its session ended cannot bring it back.
   */
  update(key: string, data: Record<string, unknown>, ttlMs: number): Promise<boolean>;
  /** Deletes the session; deleting a missing session is not an error. */
  destroy(key: string): Promise<void>;
  /** Lists the live sessions whose data has `userId === userId`. */
  listByUser(userId: string): Promise<SessionSummary[]>;
  /** Deletes one session of `userId` by key; returns whether it existed and was theirs. */
  destroyByDigest(userId: string, key: string): Promise<boolean>;
  /** Deletes every session of `userId`; returns how many were deleted. */
  destroyByUser(userId: string): Promise<number>;
  /** Resolves when the backing service answers; rejects when it does not (for /healthz). */
  ping(): Promise<void>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}
