/** User accounts without a database: the `AccountStore` interface, the username rules and email address checks. */
export { checkUsername, hasRole, normalizeUsername, UsernameTakenError, type Account, type AccountStore, type UsernameCheck } from './types.js';
export { isSingleScript } from './username-script.js';
export { usernameSkeleton } from './username-skeleton.js';
export { checkEmailAddress, type EmailAddressCheck } from './email-address.js';
