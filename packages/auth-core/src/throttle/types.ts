/** The throttles' answers and the two kinds of throttle: one counts failures, one counts requests. */

/** The action may go ahead. */
export interface ThrottleAllowed {
  /** Always true. */
  allowed: true;
}

/** The action is blocked for now. */
export interface ThrottleBlocked {
  /** Always false. */
  allowed: false;
  /** Seconds until it may be tried again (send as `Retry-After`). */
  retryAfterSeconds: number;
}

/** The answer of a {@link RequestThrottle}: the request was counted, and may go ahead or not. */
export type ThrottleDecision = ThrottleAllowed | ThrottleBlocked;

/** An attempt a {@link FailureThrottle} let through: it is counted until {@link FailureAllowed.succeeded} gives it back. */
export interface FailureAllowed extends ThrottleAllowed {
  /**
   * Call once the check passed (right password): the attempt was not a failure, so the counters
   * take it back. Later calls do nothing. A failed attempt needs no call: it was counted already.
   */
  succeeded(): Promise<void>;
}

/** The answer of a {@link FailureThrottle}. */
export type FailureAttempt = FailureAllowed | ThrottleBlocked;

/**
 * A limit on failures (wrong passwords, wrong codes). `attempt` counts the attempt *before* the
 * check it guards, in one atomic step per counter, so requests sent in parallel cannot get more
 * checks than the limit; a success gives its attempt back. Built by `createLoginThrottle`,
 * `createPasswordChangeThrottle` or `createFailureThrottle`.
 */
export interface FailureThrottle<Key extends unknown[] = [key: string]> {
  /** What this throttle counts: failures, given back on success. */
  readonly counts: 'failures';
  /** Counts one attempt for `key`; call it before the expensive check, and answer 429 when it is blocked. */
  attempt(...key: Key): Promise<FailureAttempt>;
}

/**
 * A limit on requests (sign-ups, reset mails, verification resends). `attempt` counts the request
 * atomically and is never given back: giving back on success would tell which accounts exist.
 * Built by `createRegistrationThrottle` or `createRequestThrottle`.
 */
export interface RequestThrottle<Key extends unknown[] = [key: string]> {
  /** What this throttle counts: every request, never given back. */
  readonly counts: 'requests';
  /** Counts one request for `key`; answer 429 when it is blocked. */
  attempt(...key: Key): Promise<ThrottleDecision>;
}

/** Sign-in throttling by username (any string, normalized) and client IP: `createLoginThrottle`'s result. */
export type LoginThrottle = FailureThrottle<[username: unknown, ip: string]>;
