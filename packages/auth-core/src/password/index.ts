/** Passwords: hashing, verification (scrypt-kdf and Werkzeug), bounded hashing, login check, policy. */
export { hashPassword, verifyPassword } from './api.js';
export { createPasswordHasher, type PasswordHasher, type PasswordHasherOptions, type VerifyResult } from './hasher.js';
export { parseWrappedLegacyHash, wrapLegacyHash, WRAPPED_LEGACY_PREFIX, type WrappedLegacyHash } from './legacy-wrap.js';
export { createHashQueue, HasherBusyError, type HashQueue, type HashQueueOptions } from './hash-queue.js';
export { verifyLogin, type VerifyLoginInput, type VerifyLoginResult } from './login.js';
export { codePointLength, normalizePassword } from './normalize.js';
export {
  checkScryptParams,
  DEFAULT_SCRYPT_PARAMS,
  MAX_STORED_COST,
  meetsOwaspFloor,
  OWASP_SCRYPT_FLOOR,
  testOnlyScryptParams,
  type ScryptParams,
} from './params.js';
export {
  checkPasswordPolicy,
  foldForComparison,
  isCommonPassword,
  type PasswordAccepted,
  type PasswordPolicyCode,
  type PasswordRefused,
  type PasswordPolicyOptions,
  type PasswordPolicyResult,
} from './policy/index.js';
