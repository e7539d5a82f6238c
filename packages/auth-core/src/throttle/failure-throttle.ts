import { THROTTLE_LIMITS } from '../config/defaults.js';
import { chargeAll, CONSECUTIVE_WINDOW_SECONDS, makeLimiter, type Charge, type CounterStore } from './limiters.js';
import type { FailureAttempt, FailureThrottle } from './types.js';

/**
 * Turns a charge's decision into a {@link FailureAttempt} whose `succeeded` runs `onSuccess` once:
 * a second call must not give back a second point.
 *
 * @example
 * const attempt = await failureAttempt([{ limiter, key }], () => limiter.delete(key));
 */
export async function failureAttempt(charges: readonly Charge[], onSuccess: () => Promise<unknown>): Promise<FailureAttempt> {
  const decision = await chargeAll(charges);
  if (!decision.allowed) return decision;
  let done: Promise<void> | undefined;
  return {
    allowed: true,
    succeeded: () => (done ??= onSuccess().then(() => undefined)),
  };
}

/** Options of {@link createFailureThrottle}. */
export interface FailureThrottleOptions extends CounterStore {
  /** Counter name, unique per kind of action. */
  name: string;
  /** Consecutive failures allowed; the next attempt is blocked. */
  limit: number;
  /** Block length, in seconds. */
  blockSeconds: number;
}

/**
 * A limit on consecutive failures per key, on rate-limiter-flexible: every attempt is counted
 * before its check, `limit` attempts in a row without a success go ahead, the next starts a block
 * of `blockSeconds`, and a success clears the key's count. For wrong current passwords, and for
 * the second factor's codes.
 *
 * @example
 * const codes = createFailureThrottle({ name: 'totp', limit: 5, blockSeconds: 900, redis });
 * const attempt = await codes.attempt(userId);
 * if (!attempt.allowed) return tooManyAttempts(ctx, attempt.retryAfterSeconds, 'codes');
 * if (await checkCode(userId, code)) await attempt.succeeded();
 */
export function createFailureThrottle(options: FailureThrottleOptions): FailureThrottle {
  const limiter = makeLimiter(
    { name: options.name, limit: options.limit, windowSeconds: CONSECUTIVE_WINDOW_SECONDS, blockSeconds: options.blockSeconds },
    options,
  );
  return {
    counts: 'failures',
    attempt: (key) => failureAttempt([{ limiter, key }], () => limiter.delete(key)),
  };
}

/**
 * Password-change throttle: 10 wrong current passwords in a row per user block changes for 1 h
 * (the username+IP numbers of SECURITY.md); the right current password clears the count.
 *
 * @example
 * const passwordChanges = createPasswordChangeThrottle({ redis });
 * const attempt = await passwordChanges.attempt(user.id);
 * if (attempt.allowed && (await hasher.verify(stored, current)).ok) await attempt.succeeded();
 */
export function createPasswordChangeThrottle(store: CounterStore = {}): FailureThrottle {
  return createFailureThrottle({
    ...store,
    name: 'password_change',
    limit: THROTTLE_LIMITS.usernameIpFailures,
    blockSeconds: THROTTLE_LIMITS.usernameIpBlockSeconds,
  });
}
