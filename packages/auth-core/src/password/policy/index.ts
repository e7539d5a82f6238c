export { checkPasswordPolicy, type PasswordAccepted, type PasswordRefused, type PasswordPolicyCode, type PasswordPolicyOptions, type PasswordPolicyResult } from './check.js';
export { isCommonPassword } from './common-list.js';
export { foldForComparison } from './fold.js';
