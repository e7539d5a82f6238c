/** User accounts without a database: the `AccountStore` interface and the username rules. */
export { checkUsername, hasRole, normalizeUsername, UsernameTakenError, type Account, type AccountStore, type UsernameCheck } from './types.js';
export { isSingleScript } from './username-script.js';
export { usernameSkeleton } from './username-skeleton.js';
