import { THROTTLE_LIMITS } from '../config/defaults.js';
import { foldForComparison } from '../password/policy/fold.js';
import { failureAttempt } from './failure-throttle.js';
import { CONSECUTIVE_WINDOW_SECONDS, giveBack, makeLimiter, type CounterStore } from './limiters.js';
import type { LoginThrottle } from './types.js';

/** The numbers {@link createLoginThrottle} enforces; the defaults are SECURITY.md's (`THROTTLE_LIMITS`). */
export type LoginLimits = {
  readonly [K in 'usernameIpFailures' | 'usernameIpBlockSeconds' | 'ipFailuresPerDay' | 'accountFailures' | 'accountBlockSeconds']: number;
};

/**
 * Normalizes a username for throttle keys (NFKC, lower case, trimmed) so `Alice`, `alice` and
 * `ａｌｉｃｅ` share one counter; non-strings share one bucket.
 *
 * @example
 * throttleKeyForUsername('ＡＬＩＣＥ '); // 'alice'
 */
export function throttleKeyForUsername(username: unknown): string {
  return typeof username === 'string' ? foldForComparison(username).trim().slice(0, 256) : '<invalid>';
}

/**
 * Login throttling with rate-limiter-flexible, the numbers of SECURITY.md: 10 consecutive
 * failures per username+IP block that pair for 1 h; 100 failures per IP per day; 100 consecutive
 * failures per account from any IPs block the account for 1 h (temporary, never permanent).
 * Existing and unknown usernames are counted alike. Counters are in memory, or in Redis (shared
 * by every instance) when `redis` is given.
 *
 * Each attempt takes a point from all three counters before the password is checked, so at most
 * 10 guesses per username+IP are ever checked, however many arrive at once. A success clears the
 * username+IP and account counters (they count failures in a row) and gives back its point on
 * the IP's daily counter (which counts every failure of the day, so it is not cleared).
 *
 * @example
 * const throttle = createLoginThrottle({ redis });
 * const attempt = await throttle.attempt(form.username, ctx.ip);
 * if (!attempt.allowed) return tooManyAttempts(ctx, attempt.retryAfterSeconds, 'sign-in attempts');
 * const { ok } = await verifyLogin({ hasher, user, password: form.password });
 * if (ok) await attempt.succeeded();
 */
export function createLoginThrottle(store: CounterStore = {}, limits: LoginLimits = THROTTLE_LIMITS): LoginThrottle {
  const byUserIp = makeLimiter(
    { name: 'login_user_ip', limit: limits.usernameIpFailures, windowSeconds: CONSECUTIVE_WINDOW_SECONDS, blockSeconds: limits.usernameIpBlockSeconds },
    store,
  );
  const byIp = makeLimiter({ name: 'login_ip_day', limit: limits.ipFailuresPerDay, windowSeconds: 24 * 3600, blockSeconds: 0 }, store);
  const byAccount = makeLimiter(
    { name: 'login_account', limit: limits.accountFailures, windowSeconds: CONSECUTIVE_WINDOW_SECONDS, blockSeconds: limits.accountBlockSeconds },
    store,
  );
  return {
    counts: 'failures',
    attempt(username, ip) {
      const user = throttleKeyForUsername(username);
      const userIp = { limiter: byUserIp, key: `${user}|${ip}` };
      const perIp = { limiter: byIp, key: ip };
      const account = { limiter: byAccount, key: user };
      return failureAttempt([userIp, perIp, account], () =>
        Promise.all([byUserIp.delete(userIp.key), byAccount.delete(account.key), giveBack([perIp])]),
      );
    },
  };
}
