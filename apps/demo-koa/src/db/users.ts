import { randomUUID } from 'node:crypto';
import { foldForComparison } from '@acme/auth-core';
import type { Kysely, Selectable } from 'kysely';
import type { DB, UsersTable } from './schema.js';

/** A user as the app uses it. */
export interface User {
  id: string;
  username: string;
  passwordHash: string;
  authEpoch: number;
  disabled: boolean;
}

/** Thrown by {@link UserRepository.create} when the (normalized) username exists. */
export class UsernameTakenError extends Error {
  override name = 'UsernameTakenError';
}

/** The comparison form of a username: NFKC, lower case, trimmed. `Alice` and `ａｌｉｃｅ` are one name. */
export function normalizeUsername(username: string): string {
  return foldForComparison(username).trim();
}

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    authEpoch: Number(row.auth_epoch),
    disabled: Number(row.disabled) !== 0,
  };
}

/** True for a unique-constraint violation on SQLite or PostgreSQL. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * Users in the database, through kysely (parameterized queries only). Usernames are unique after
 * normalization, enforced by a unique index, so two racing registrations of one name make exactly
 * one account.
 *
 * @example
 * const users = new UserRepository(db.kysely, Date.now);
 * const alice = await users.findByUsername('alice');
 */
export class UserRepository {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly now: () => number,
  ) {}

  /** Creates a user; throws {@link UsernameTakenError} when the name is taken. */
  async create(username: string, passwordHash: string): Promise<User> {
    const time = new Date(this.now()).toISOString();
    const row = {
      id: randomUUID(),
      username: username.normalize('NFKC').trim(),
      username_normalized: normalizeUsername(username),
      password_hash: passwordHash,
      created_at: time,
      updated_at: time,
    };
    try {
      await this.db.insertInto('users').values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new UsernameTakenError('That username is taken.');
      throw error;
    }
    return { id: row.id, username: row.username, passwordHash, authEpoch: 1, disabled: false };
  }

  /** Finds a user by username, compared in normalized form. */
  async findByUsername(username: string): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('username_normalized', '=', normalizeUsername(username)).executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  /** Finds a user by id. */
  async findById(id: string): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  /** Replaces the hash without ending sessions (a transparent rehash after login). */
  async replaceHash(id: string, passwordHash: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: new Date(this.now()).toISOString() })
      .where('id', '=', id)
      .execute();
  }

  /** Sets a new password and bumps `authEpoch`, which ends every other session; returns the user. */
  async changePassword(id: string, passwordHash: string): Promise<User | undefined> {
    await this.db
      .updateTable('users')
      .set((eb) => ({ password_hash: passwordHash, auth_epoch: eb('auth_epoch', '+', 1), updated_at: new Date(this.now()).toISOString() }))
      .where('id', '=', id)
      .execute();
    return this.findById(id);
  }

  /** Bumps `authEpoch`: every session of the user ends on its next request ("log out everywhere"). */
  async bumpAuthEpoch(id: string): Promise<void> {
    await this.db.updateTable('users').set((eb) => ({ auth_epoch: eb('auth_epoch', '+', 1) })).where('id', '=', id).execute();
  }

  /** Disables or re-enables a user; a disabled user loses all sessions on the next request. */
  async setDisabled(id: string, disabled: boolean): Promise<void> {
    await this.db.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', id).execute();
  }

  /** How many users exist. */
  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
