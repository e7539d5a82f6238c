/**
 * @packageDocumentation
 * auth-core: the security core of the workspace. This file is the explicit public API: every
 * export is listed here by name.
 */
export { PASSWORD_LIMITS, SESSION_TIMEOUTS, THROTTLE_LIMITS, SESSION_ID_BYTES } from './config/defaults.js';
