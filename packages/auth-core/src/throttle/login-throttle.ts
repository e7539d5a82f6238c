import { THROTTLE_LIMITS } from '../config/defaults.js';
import { foldForComparison } from '../password/policy/fold.js';
import { blockedFor, CONSECUTIVE_WINDOW_SECONDS, makeLimiter, record, type CounterStore } from './limiters.js';

/** The answer of a throttle check. */
export type ThrottleDecision = ThrottleAllowed | ThrottleBlocked;

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

/** Login throttling: {@link createLoginThrottle}'s result. */
export interface LoginThrottle {
  /** Whether this username may try to sign in from this IP now. Call before verifying. */
  check(username: unknown, ip: string): Promise<ThrottleDecision>;
  /** Records a failed attempt (wrong password or unknown user alike). */
  fail(username: unknown, ip: string): Promise<void>;
  /** Records a success: the username+IP and account counters start again from zero. */
  succeed(username: unknown, ip: string): Promise<void>;
}

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
 * @example
 * const throttle = createLoginThrottle({ redis });
 * const decision = await throttle.check(form.username, ctx.ip);
 * if (!decision.allowed) { ctx.set('Retry-After', String(decision.retryAfterSeconds)); ctx.throw(429); }
 */
export function createLoginThrottle(store: CounterStore = {}, limits = THROTTLE_LIMITS): LoginThrottle {
  const byUserIp = makeLimiter(
    { name: 'login_user_ip', limit: limits.usernameIpFailures, windowSeconds: CONSECUTIVE_WINDOW_SECONDS, blockSeconds: limits.usernameIpBlockSeconds },
    store,
  );
  const byIp = makeLimiter({ name: 'login_ip_day', limit: limits.ipFailuresPerDay, windowSeconds: 24 * 3600, blockSeconds: 0 }, store);
  const byAccount = makeLimiter(
    { name: 'login_account', limit: limits.accountFailures, windowSeconds: CONSECUTIVE_WINDOW_SECONDS, blockSeconds: limits.accountBlockSeconds },
    store,
  );
  const keys = (username: unknown, ip: string) => {
    const user = throttleKeyForUsername(username);
    return { userIp: `${user}|${ip}`, ip, user };
  };
  return {
    async check(username, ip) {
      const k = keys(username, ip);
      const waits = await Promise.all([
        blockedFor(byUserIp, k.userIp, limits.usernameIpFailures),
        blockedFor(byIp, k.ip, limits.ipFailuresPerDay),
        blockedFor(byAccount, k.user, limits.accountFailures),
      ]);
      const retryAfterSeconds = Math.max(...waits);
      return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
    },
    async fail(username, ip) {
      const k = keys(username, ip);
      await Promise.all([record(byUserIp, k.userIp), record(byIp, k.ip), record(byAccount, k.user)]);
    },
    async succeed(username, ip) {
      const k = keys(username, ip);
      await Promise.all([byUserIp.delete(k.userIp), byAccount.delete(k.user)]);
    },
  };
}
