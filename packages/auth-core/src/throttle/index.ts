/**
 * Throttling: every attempt is counted before its check. Failure throttles (login, password
 * change) give a success back; request throttles (registration) never give anything back.
 */
export { createFailureThrottle, createPasswordChangeThrottle, type FailureThrottleOptions } from './failure-throttle.js';
export { createSecondFactorThrottle } from './second-factor-throttle.js';
export { CLUSTER_COUNT_TIMEOUT_MS, shareCountersWithWorkers, type CounterStore } from './limiters.js';
export { createLoginThrottle, throttleKeyForUsername, type LoginLimits } from './login-throttle.js';
export { createPasswordResetThrottles, createRegistrationThrottle, createRequestThrottle, type PasswordResetThrottles, type RequestThrottleOptions } from './request-throttle.js';
export type {
  FailureAllowed,
  FailureAttempt,
  FailureThrottle,
  LoginThrottle,
  RequestThrottle,
  ThrottleAllowed,
  ThrottleBlocked,
  ThrottleDecision,
} from './types.js';
