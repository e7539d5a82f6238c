import { THROTTLE_LIMITS } from '../config/defaults.js';
import { failureAttempt } from './failure-throttle.js';
import { giveBack, makeLimiter, type CounterStore } from './limiters.js';
import type { FailureThrottle } from './types.js';

/** How long a sign-in's count of wrong codes is kept: the life of its pending (pre-auth) record. */
const SIGN_IN_WINDOW_SECONDS = 10 * 60;

/**
 * The second step's throttle (SECURITY.md): each code typed is counted before it is checked, on
 * two counters at once. Per sign-in (the pending record's id), 5 wrong codes in a row end that
 * sign-in: the caller sends the visitor back to the password. Per account, 10 wrong codes an hour,
 * whatever the sign-in, so starting over with the password does not buy more guesses. A right
 * code gives its point back on both.
 *
 * @example
 * const codes = createSecondFactorThrottle({ redis });
 * const attempt = await codes.attempt(pending.signInId, pending.userId);
 * if (!attempt.allowed) return startOverAtThePassword(ctx);
 * if (await codeIsRight()) await attempt.succeeded();
 */
export function createSecondFactorThrottle(store: CounterStore = {}): FailureThrottle<[signInId: string, userId: string]> {
  const perSignIn = makeLimiter(
    { name: 'mfa_sign_in', limit: THROTTLE_LIMITS.secondFactorFailuresPerSignIn, windowSeconds: SIGN_IN_WINDOW_SECONDS, blockSeconds: SIGN_IN_WINDOW_SECONDS },
    store,
  );
  const perAccount = makeLimiter({ name: 'mfa_account', limit: THROTTLE_LIMITS.secondFactorFailuresPerHour, windowSeconds: 3600, blockSeconds: 0 }, store);
  return {
    counts: 'failures',
    attempt(signInId, userId) {
      const charges = [
        { limiter: perSignIn, key: signInId },
        { limiter: perAccount, key: userId },
      ];
      return failureAttempt(charges, () => giveBack(charges));
    },
  };
}
