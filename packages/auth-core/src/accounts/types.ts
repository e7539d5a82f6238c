import { foldForComparison } from '../password/policy/fold.js';
import { isSingleScript } from './username-script.js';

/** A user account as apps and the auth routes see it. */
export interface Account {
  /** A random UUID. */
  id: string;
  /** The name as the user typed it (NFKC, trimmed). */
  username: string;
  /** The stored hash: scrypt-kdf, or a Werkzeug format until the next login rehashes it. */
  passwordHash: string;
  /** Bumped on password change, disable and "log out everywhere": older sessions end. */
  authEpoch: number;
  /** A disabled account cannot sign in and loses its sessions. */
  disabled: boolean;
  /** Role names for `hasRole` (e.g. `admin`); empty for most users. */
  roles: string[];
  /** Whether the account signs in with a second factor (`loginRequired({ mfa: true })` asks for one). */
  secondFactor?: boolean;
}

/**
 * Where accounts live. The auth routes need only this; `KyselyAccountStore` implements it on
 * SQLite and PostgreSQL, and an app can implement it on anything else.
 */
export interface AccountStore {
  /**
   * Creates an account; throws {@link UsernameTakenError} when the normalized name exists or
   * another name looks the same (same confusable skeleton, see `usernameSkeleton`).
   */
  create(username: string, passwordHash: string): Promise<Account>;
  /** Finds an account by username, compared in normalized form ({@link normalizeUsername}). */
  findByUsername(username: string): Promise<Account | undefined>;
  /** Finds an account by id. */
  findById(id: string): Promise<Account | undefined>;
  /** Replaces the hash without ending sessions (a transparent rehash after login). */
  replaceHash(id: string, passwordHash: string): Promise<void>;
  /** Sets a new password and bumps `authEpoch` (ends every other session); returns the account. */
  changePassword(id: string, passwordHash: string): Promise<Account | undefined>;
  /** Bumps `authEpoch`: every session of the account ends on its next request. */
  bumpAuthEpoch(id: string): Promise<void>;
}

/** Thrown by {@link AccountStore.create} when the (normalized) username exists, or one that looks the same. */
export class UsernameTakenError extends Error {
  /** Always `UsernameTakenError`. */
  override name = 'UsernameTakenError';
}

/**
 * The comparison form of a username: NFKC, lower case, trimmed. `Alice` and `ａｌｉｃｅ` are one name.
 *
 * @example
 * normalizeUsername(' Alice '); // 'alice'
 */
export function normalizeUsername(username: string): string {
  return foldForComparison(username).trim();
}

/** Usernames: 3–32 letters, digits, dots, dashes or underscores (after NFKC). */
const USERNAME = /^[\p{L}\p{N}._-]{3,32}$/u;

/** What {@link checkUsername} answers. */
export type UsernameCheck =
  | {
      /** Accepted. */
      ok: true;
      /** The name to store: NFKC, trimmed. */
      username: string;
    }
  | {
      /** Refused. */
      ok: false;
      /** Why, in words for the person typing. */
      reason: string;
    };

/**
 * Validates a username typed at registration: NFKC and trimmed, then 3–32 letters, digits, dots,
 * dashes or underscores, with all letters from one script (UTS #39 "highly restrictive": Latin
 * may mix with Han-based Japanese, Korean or Chinese). A name that mixes scripts, such as `аdmin`
 * with a Cyrillic а, exists only to look like another. Never throws.
 *
 * @example
 * checkUsername('ａｌｉｃｅ'); // { ok: true, username: 'alice' }
 * checkUsername('аdmin').ok; // false
 */
export function checkUsername(raw: string): UsernameCheck {
  const username = raw.normalize('NFKC').trim();
  if (!USERNAME.test(username)) {
    return { ok: false, reason: 'Choose a username of 3 to 32 letters, digits, dots, dashes or underscores.' };
  }
  if (!isSingleScript(username)) {
    return { ok: false, reason: 'Use letters of one alphabet: this name mixes scripts (for example a Cyrillic or Greek letter among Latin ones), so it could pass for another name.' };
  }
  return { ok: true, username };
}

/**
 * True when the signed-in user carries `role`. For `loginRequired({ can })`.
 *
 * @example
 * router.get('/admin', loginRequired({ can: (user) => hasRole(user, 'admin') }), admin);
 */
export function hasRole(user: object, role: string): boolean {
  const roles = (user as { roles?: unknown }).roles;
  return Array.isArray(roles) && roles.includes(role);
}
