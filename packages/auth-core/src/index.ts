/**
 * @packageDocumentation
 * auth-core: the security library of the workspace, without a web framework or a driver. This
 * file is the explicit public API: every export is listed here by name. The Koa adapter is
 * `@acme/auth-core/koa`; the SQLite and Redis session stores are `@acme/auth-core/stores/sqlite`
 * and `@acme/auth-core/stores/redis` (their drivers are optional peer dependencies).
 */
export { MAIL_LIMITS, PASSWORD_LIMITS, SESSION_ID_BYTES, SESSION_TIMEOUTS, THROTTLE_LIMITS } from './config/defaults.js';
export { assertSafeForProduction, checkDeployment, TRUST_PROXY_REQUIRED, UnsafeDeploymentError, type DeploymentFacts } from './config/deployment-check.js';
export {
  checkPasswordPolicy,
  checkScryptParams,
  codePointLength,
  createHashQueue,
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
  wrapLegacyHash,
  WRAPPED_LEGACY_PREFIX,
  type HashQueue,
  type HashQueueOptions,
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
export {
  checkSessionConfig,
  decodeSessionKey,
  digestSessionId,
  DOCUMENTED_EXAMPLE_KEYS,
  generateSessionId,
  isSessionIdShape,
  MAKE_KEY_COMMAND,
  MIN_KEY_BYTES,
  SessionExistsError,
  sessionKeyProblem,
  SessionStoreUnavailableError,
  type AuthSessionFields,
  type DecodedSessionKey,
  type SessionConfigFacts,
  type SessionStore,
  type SessionSummary,
} from './session/index.js';
export { MemoryStore, type MemoryStoreOptions } from './stores/index.js';
export {
  checkEmailAddress,
  checkUsername,
  hasRole,
  isSingleScript,
  normalizeUsername,
  usernameSkeleton,
  UsernameTakenError,
  type Account,
  type AccountStore,
  type EmailAddressCheck,
  type UsernameCheck,
} from './accounts/index.js';
export {
  CLUSTER_COUNT_TIMEOUT_MS,
  createFailureThrottle,
  createLoginThrottle,
  createPasswordChangeThrottle,
  createSecondFactorThrottle,
  createPasswordResetThrottles,
  createRegistrationThrottle,
  createRequestThrottle,
  shareCountersWithWorkers,
  throttleKeyForUsername,
  type CounterStore,
  type FailureAllowed,
  type FailureAttempt,
  type FailureThrottle,
  type FailureThrottleOptions,
  type LoginLimits,
  type LoginThrottle,
  type PasswordResetThrottles,
  type RequestThrottle,
  type RequestThrottleOptions,
  type ThrottleAllowed,
  type ThrottleBlocked,
  type ThrottleDecision,
} from './throttle/index.js';
export { MAX_NEXT_LENGTH, safeNext } from './redirect/index.js';
export { DataKeysError, generateDataKey, openData, parseDataKeys, sealData, type DataKey, type DataKeyring } from './data-keys/index.js';
export { createSecretToken, digestToken } from './tokens/index.js';
export { generateRecoveryCodes, generateTotpSecret, otpauthUri, qrSvg, RECOVERY_CODE_COUNT, recoveryCodeDigest, totpCode, verifyTotp, type TotpCheck } from './two-factor/index.js';
export {
  createSecurityLog,
  escapeForLog,
  type SecurityEvent,
  type SecurityEventType,
  type SecurityLog,
  type SecurityLogOptions,
  type SecurityRecord,
  type SecuritySink,
} from './events/index.js';
