/**
 * @packageDocumentation
 * auth-core: the security core of the workspace. This file is the explicit public API: every
 * export is listed here by name.
 */
export { PASSWORD_LIMITS, SESSION_TIMEOUTS, THROTTLE_LIMITS, SESSION_ID_BYTES } from './config/defaults.js';
export {
  checkPasswordPolicy,
  checkScryptParams,
  codePointLength,
  createLimiter,
  createPasswordHasher,
  DEFAULT_SCRYPT_PARAMS,
  foldForComparison,
  HasherBusyError,
  hashPassword,
  isCommonPassword,
  MAX_STORED_COST,
  meetsOwaspFloor,
  normalizePassword,
  OWASP_SCRYPT_FLOOR,
  testOnlyScryptParams,
  verifyLogin,
  verifyPassword,
  type Limiter,
  type LimiterOptions,
  type PasswordHasher,
  type PasswordHasherOptions,
  type PasswordAccepted,
  type PasswordPolicyCode,
  type PasswordRefused,
  type PasswordPolicyOptions,
  type PasswordPolicyResult,
  type ScryptParams,
  type VerifyLoginInput,
  type VerifyLoginResult,
  type VerifyResult,
} from './password/index.js';
