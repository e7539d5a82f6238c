/** Throttling: login (username+IP, IP, account), registration and password change. */
export {
  createActionThrottle,
  createPasswordChangeThrottle,
  createRegistrationThrottle,
  type ActionThrottle,
  type ActionThrottleOptions,
} from './action-throttle.js';
export type { CounterStore } from './limiters.js';
export { createLoginThrottle, throttleKeyForUsername, type LoginThrottle, type ThrottleAllowed, type ThrottleBlocked, type ThrottleDecision } from './login-throttle.js';
