/**
 * The session store did not answer. Apps answer 503 (never 500, and never a silent logout):
 * the user is still signed in, the server just cannot tell right now.
 */
export class SessionStoreUnavailableError extends Error {
  /** Always `'SessionStoreUnavailableError'`. */
  override name = 'SessionStoreUnavailableError';
  /** HTTP status apps should answer with. */
  readonly status = 503;
  /** The message is safe to show to clients. */
  readonly expose = true;

  /** Wraps the store's own error as `cause` (never shown to clients). */
  constructor(cause: unknown) {
    super('Sign-in is temporarily unavailable. Please try again in a moment.', { cause });
  }
}

/**
 * Thrown by a store's `create` when the key already holds a live session: `create` never
 * replaces. With 256-bit random ids this means a bug (an id reused), never bad luck.
 *
 * @example
 * if (await exists(key)) throw new SessionExistsError();
 */
export class SessionExistsError extends Error {
  /** Always `'SessionExistsError'`. */
  override name = 'SessionExistsError';

  /** The key is never put in the message: it is a session's store key. */
  constructor() {
    super('A session with this id already exists; create() never replaces one.');
  }
}
