import { MAIL_LIMITS, THROTTLE_LIMITS } from '../config/defaults.js';
import { chargeAll, makeLimiter, type CounterStore } from './limiters.js';
import type { RequestThrottle } from './types.js';

/** Options of {@link createRequestThrottle}. */
export interface RequestThrottleOptions extends CounterStore {
  /** Counter name, unique per kind of request. */
  name: string;
  /** Requests allowed in the window. */
  limit: number;
  /** Window length in seconds. */
  windowSeconds: number;
  /** Block length once the limit is passed, in seconds (0: until the window ends). */
  blockSeconds?: number;
}

/**
 * A limit on requests per key, on rate-limiter-flexible: `limit` requests per `windowSeconds`,
 * each counted atomically when it arrives and never given back, whatever its outcome (a refund
 * for "no such account" or for "sent" would tell which accounts exist). For sign-ups, password
 * reset mails and verification resends.
 *
 * @example
 * const resets = createRequestThrottle({ name: 'reset_email', limit: 5, windowSeconds: 3600, redis });
 * const decision = await resets.attempt(email);
 * if (!decision.allowed) return tooManyAttempts(ctx, decision.retryAfterSeconds, 'reset requests');
 */
export function createRequestThrottle(options: RequestThrottleOptions): RequestThrottle {
  const limiter = makeLimiter(
    { name: options.name, limit: options.limit, windowSeconds: options.windowSeconds, blockSeconds: options.blockSeconds ?? 0 },
    options,
  );
  return {
    counts: 'requests',
    attempt: (key) => chargeAll([{ limiter, key }]),
  };
}

/**
 * Registration throttle: 20 sign-ups per IP per hour (SECURITY.md), counted as requests.
 *
 * @example
 * const registrations = createRegistrationThrottle({ redis });
 * const decision = await registrations.attempt(ctx.ip);
 * if (!decision.allowed) return tooManyAttempts(ctx, decision.retryAfterSeconds, 'sign-ups');
 */
export function createRegistrationThrottle(store: CounterStore = {}): RequestThrottle {
  return createRequestThrottle({ ...store, name: 'register_ip', limit: THROTTLE_LIMITS.registrationsPerHour, windowSeconds: 3600 });
}

/** The two forgot-password limits: per address (the answer stays the same) and per IP. */
export interface PasswordResetThrottles {
  /** Per normalized address: past the limit, nothing is mailed. */
  address: RequestThrottle;
  /** Per IP: past the limit, a 429. */
  ip: RequestThrottle;
}

/**
 * Forgot-password throttles (SECURITY.md): 5 requests per address and 20 per IP per hour, each
 * counted when it arrives and never given back (a refund for "no such account" would tell which
 * addresses exist).
 *
 * @example
 * const resets = createPasswordResetThrottles({ redis });
 * if (!(await resets.ip.attempt(ctx.ip)).allowed) return tooManyAttempts(ctx, 3600, 'reset requests');
 * const mailIt = (await resets.address.attempt(normalized)).allowed;
 */
export function createPasswordResetThrottles(store: CounterStore = {}): PasswordResetThrottles {
  return {
    address: createRequestThrottle({ ...store, name: 'reset_address', limit: MAIL_LIMITS.resetRequestsPerAddressPerHour, windowSeconds: 3600 }),
    ip: createRequestThrottle({ ...store, name: 'reset_ip', limit: MAIL_LIMITS.resetRequestsPerIpPerHour, windowSeconds: 3600 }),
  };
}
