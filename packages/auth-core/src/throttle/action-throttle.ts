import { THROTTLE_LIMITS } from '../config/defaults.js';
import { blockedFor, CONSECUTIVE_WINDOW_SECONDS, makeLimiter, record, type CounterStore } from './limiters.js';
import type { ThrottleDecision } from './login-throttle.js';

/** A throttle for one kind of action: {@link createActionThrottle}'s result. */
export interface ActionThrottle {
  /** Whether `key` may act now. */
  check(key: string): Promise<ThrottleDecision>;
  /** Records one action (or one failure) for `key`. */
  hit(key: string): Promise<void>;
  /** Forgets `key`'s count (e.g. after a success). */
  reset(key: string): Promise<void>;
}

/** Options of {@link createActionThrottle}. */
export interface ActionThrottleOptions extends CounterStore {
  /** Counter name, unique per kind of action. */
  name: string;
  /** Events allowed in the window. */
  limit: number;
  /** Window length in seconds. */
  windowSeconds: number;
  /** Block length once the limit is reached, in seconds (0: until the window ends). */
  blockSeconds?: number;
}

/**
 * A general throttle on rate-limiter-flexible: `limit` events per `windowSeconds` per key, then a
 * block. Used for registration per IP and for wrong current passwords per user.
 *
 * @example
 * const registrations = createActionThrottle({ name: 'register', limit: 20, windowSeconds: 3600 });
 */
export function createActionThrottle(options: ActionThrottleOptions): ActionThrottle {
  const spec = { name: options.name, limit: options.limit, windowSeconds: options.windowSeconds, blockSeconds: options.blockSeconds ?? 0 };
  const limiter = makeLimiter(spec, options);
  return {
    async check(key) {
      const wait = await blockedFor(limiter, key, spec.limit);
      return wait > 0 ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
    },
    hit: (key) => record(limiter, key),
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

/**
 * Registration throttle: 20 registrations per IP per hour (SECURITY.md).
 *
 * @example
 * const registrations = createRegistrationThrottle({ redis });
 */
export function createRegistrationThrottle(store: CounterStore = {}): ActionThrottle {
  return createActionThrottle({ ...store, name: 'register_ip', limit: THROTTLE_LIMITS.registrationsPerHour, windowSeconds: 3600 });
}

/**
 * Password-change throttle: 10 consecutive wrong current passwords per user block changes for 1 h.
 *
 * @example
 * const passwordChanges = createPasswordChangeThrottle({ redis });
 */
export function createPasswordChangeThrottle(store: CounterStore = {}): ActionThrottle {
  return createActionThrottle({
    ...store,
    name: 'password_change',
    limit: THROTTLE_LIMITS.usernameIpFailures,
    windowSeconds: CONSECUTIVE_WINDOW_SECONDS,
    blockSeconds: THROTTLE_LIMITS.usernameIpBlockSeconds,
  });
}
