import type { PasswordHasher } from './hasher.js';

/** Arguments of {@link verifyLogin}. */
export interface VerifyLoginInput {
  /** The hasher whose params are the current policy. */
  hasher: PasswordHasher;
  /** The user found by username, or `undefined` when there is none. */
  user:
    | {
        /** The stored hash, as read from the database (untrusted: may be malformed). */
        passwordHash: unknown;
      }
    | undefined;
  /** The password from the login form, untrusted. */
  password: unknown;
  /** Saves a replacement hash after a successful login with an outdated one. */
  saveHash?: (newHash: string) => Promise<void>;
}

/** The outcome of {@link verifyLogin}. */
export interface VerifyLoginResult {
  /** The user exists and the password matches. */
  ok: boolean;
  /** The stored hash was replaced by one with the current params. */
  rehashed: boolean;
}

/**
 * Checks a login attempt in constant work: exactly one real hash runs whether or not the user
 * exists (an unknown user is checked against a genuine dummy hash with the current params), so
 * neither the answer nor its timing tells which usernames exist. On success with an outdated or
 * legacy hash, the password is rehashed with the current params and saved through `saveHash`;
 * a failed attempt never saves. A failure to save does not fail the login.
 *
 * @example
 * const user = await users.findByUsername(form.username);
 * const { ok } = await verifyLogin({
 *   hasher, user, password: form.password,
 *   saveHash: async (hash) => {
 *     if (user) await users.setPasswordHash(user.id, hash);
 *   },
 * });
 */
export async function verifyLogin(input: VerifyLoginInput): Promise<VerifyLoginResult> {
  const { hasher, user, password, saveHash } = input;
  const stored = user === undefined ? await hasher.dummyHash() : user.passwordHash;
  const result = await hasher.verify(stored, password);
  const ok = user !== undefined && result.ok;
  if (!ok || !result.needsRehash || saveHash === undefined || typeof password !== 'string') {
    return { ok, rehashed: false };
  }
  try {
    await saveHash(await hasher.hash(password));
    return { ok, rehashed: true };
  } catch {
    return { ok, rehashed: false };
  }
}
