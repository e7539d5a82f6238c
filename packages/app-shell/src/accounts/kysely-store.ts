import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { prepareLookup, type LookupOptions } from './database.js';
import type { AccountsSchema, UsersTable } from './schema.js';
import { type Account, type AccountStore, checkEmailAddress, normalizeUsername, usernameSkeleton, UsernameTakenError } from '@acme/auth-core';

/** An account as this store returns it: with its email address, if any, and whether it is verified. */
export interface StoredAccount extends Account {
  /** The address as typed; null when the account has none. */
  email: string | null;
  /** True once the address was proven (a followed link, or set by an operator). */
  emailVerified: boolean;
  /** True while the account has a second factor (TOTP). */
  secondFactor: boolean;
}

function toAccount(row: Selectable<UsersTable>): StoredAccount {
  return {
    email: row.email,
    emailVerified: row.email_verified_at !== null,
    secondFactor: row.two_factor_enabled_at !== null,
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    authEpoch: Number(row.auth_epoch),
    disabled: Number(row.disabled) !== 0,
    roles: row.roles === '' ? [] : row.roles.split(','),
  };
}

/** True for a unique-constraint violation on SQLite or PostgreSQL. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

const ROLE = /^[a-z][a-z0-9_-]{0,31}$/;

/** Thrown by `KyselyAccountStore.setEmail` when another account has verified the address. */
export class EmailTakenError extends Error {
  /** Always `EmailTakenError`. */
  override name = 'EmailTakenError';
}

/**
 * Accounts in the `users` table, through kysely (parameterized queries only), on SQLite or
 * PostgreSQL. Usernames are unique after normalization and by their look-alike skeleton
 * (`аdmin` cannot join `admin`), both enforced by unique indexes, so two racing registrations of
 * one name, or of two look-alikes, make exactly one account.
 *
 * @example
 * const users = new KyselyAccountStore(db.kysely, Date.now);
 * const alice = await users.findByUsername('alice');
 */
export class KyselyAccountStore implements AccountStore {
  /**
   * @param db - a kysely instance whose schema includes {@link AccountsSchema} (run `accountMigrations` first).
   * @param now - the clock, in ms since the epoch, for `created_at`/`updated_at`.
   * @param options - `cache`: keep the rows `findById` reads, exactly invalidated (see `prepareLookup`); off by default.
   */
  constructor(
    private readonly db: Kysely<AccountsSchema>,
    private readonly now: () => number = Date.now,
    options: Pick<LookupOptions, 'cache'> = {},
  ) {
    this.#findRowById = prepareLookup(db, (k, id) => k.selectFrom('users').selectAll().where('id', '=', id), options);
  }

  /** The per-request read (`loadUser`), compiled once (see `prepareLookup`). */
  readonly #findRowById: (id: string) => Promise<Selectable<UsersTable> | undefined>;

  /**
   * Creates an account; throws {@link UsernameTakenError} when the name, or one that looks the same,
   * is taken. With `alsoWrite`, the user row and whatever `alsoWrite` writes (an app's sign-up
   * fields) are one transaction: if either fails, neither is stored.
   */
  async create(username: string, passwordHash: string, alsoWrite?: (user: Account, trx: Transaction<AccountsSchema>) => Promise<void>): Promise<StoredAccount> {
    const time = new Date(this.now()).toISOString();
    const row = {
      id: randomUUID(),
      username: username.normalize('NFKC').trim(),
      username_normalized: normalizeUsername(username),
      username_skeleton: usernameSkeleton(username),
      password_hash: passwordHash,
      created_at: time,
      updated_at: time,
      last_sign_in_at: null,
      email: null,
      email_normalized: null,
      email_verified_at: null,
    };
    const account: StoredAccount = { id: row.id, username: row.username, passwordHash, authEpoch: 1, disabled: false, roles: [], email: null, emailVerified: false, secondFactor: false };
    // Only the users insert's unique violation means "taken"; one from alsoWrite is the app's to handle.
    const insert = async (db: Kysely<AccountsSchema>) => {
      try {
        await db.insertInto('users').values(row).execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new UsernameTakenError('That username is taken.');
        throw error;
      }
    };
    if (!alsoWrite) await insert(this.db);
    else {
      await this.db.transaction().execute(async (trx) => {
        await insert(trx);
        await alsoWrite(account, trx);
      });
    }
    return account;
  }

  /** Finds an account by username, compared in normalized form. */
  async findByUsername(username: string): Promise<StoredAccount | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('username_normalized', '=', normalizeUsername(username)).executeTakeFirst();
    return row ? toAccount(row) : undefined;
  }

  /** Finds the account whose VERIFIED address this is (normalized form, `checkEmailAddress`); an unverified claim matches nothing. */
  async findByVerifiedEmail(normalized: string): Promise<StoredAccount | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('email_normalized', '=', normalized).where('email_verified_at', 'is not', null).executeTakeFirst();
    return row ? toAccount(row) : undefined;
  }

  /**
   * Finds the account a sign-in form names: by verified email address when `typed` is one,
   * otherwise by username. An unverified address signs nobody in (no pre-account hijacking).
   */
  async findByLogin(typed: string): Promise<StoredAccount | undefined> {
    if (!typed.includes('@')) return this.findByUsername(typed);
    const email = checkEmailAddress(typed);
    return email.ok ? this.findByVerifiedEmail(email.normalized) : undefined;
  }

  /**
   * Marks `email` as the account's verified address (a followed verification link) and drops every
   * other account's unverified claim on it, in one transaction. Throws {@link EmailTakenError} when
   * another account verified it first.
   */
  async verifyEmail(id: string, email: { address: string; normalized: string }, trx?: Transaction<AccountsSchema>): Promise<void> {
    const run = async (db: Kysely<AccountsSchema>) => {
      await db
        .updateTable('users')
        .set({ email: null, email_normalized: null })
        .where('email_normalized', '=', email.normalized)
        .where('email_verified_at', 'is', null)
        .where('id', '!=', id)
        .execute();
      await this.setEmail(id, email, true, db);
    };
    if (trx) await run(trx);
    else await this.db.transaction().execute(run);
  }

  /** Finds an account by id. */
  async findById(id: string): Promise<StoredAccount | undefined> {
    const row = await this.#findRowById(id);
    return row ? toAccount(row) : undefined;
  }

  /** Replaces the hash without ending sessions (a transparent rehash after login). */
  async replaceHash(id: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash, updated_at: this.timestamp() }).where('id', '=', id).execute();
  }

  /**
   * Sets a new password and bumps `authEpoch`, which ends every other session and voids every
   * reset link; returns the account. Pass `trx` to make it part of a transaction (a used reset token).
   */
  async changePassword(id: string, passwordHash: string, trx: Kysely<AccountsSchema> = this.db): Promise<StoredAccount | undefined> {
    await trx
      .updateTable('users')
      .set((eb) => ({ password_hash: passwordHash, auth_epoch: eb('auth_epoch', '+', 1), updated_at: this.timestamp() }))
      .where('id', '=', id)
      .execute();
    const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAccount(row) : undefined;
  }

  /** Bumps `authEpoch`: every session of the account ends on its next request ("log out everywhere"). */
  async bumpAuthEpoch(id: string): Promise<void> {
    await this.db.updateTable('users').set((eb) => ({ auth_epoch: eb('auth_epoch', '+', 1) })).where('id', '=', id).execute();
  }

  /** Disables or re-enables an account; a disabled account loses all sessions on the next request. */
  async setDisabled(id: string, disabled: boolean): Promise<void> {
    await this.db.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', id).execute();
  }

  /**
   * Replaces the account's roles (lower-case names of up to 32 letters, digits, `_` or `-`).
   * `loadUser` reads the account on every request, so the change applies at once.
   */
  async setRoles(id: string, roles: readonly string[]): Promise<void> {
    const bad = roles.find((r) => !ROLE.test(r));
    if (bad !== undefined) throw new TypeError(`Invalid role name "${bad}": use lower-case letters, digits, _ or -.`);
    await this.db
      .updateTable('users')
      .set({ roles: [...new Set(roles)].join(','), updated_at: this.timestamp() })
      .where('id', '=', id)
      .execute();
  }

  /** Records a successful sign-in's time (shown by `pnpm users list`). */
  async recordSignIn(id: string): Promise<void> {
    await this.db.updateTable('users').set({ last_sign_in_at: this.timestamp() }).where('id', '=', id).execute();
  }

  /** Every account, oldest first, with its email address, creation and last sign-in times (for `pnpm users list`). */
  async list(): Promise<(StoredAccount & { createdAt: string; lastSignInAt: string | null })[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('created_at').orderBy('username_normalized').execute();
    return rows.map((row) => ({ ...toAccount(row), createdAt: row.created_at, lastSignInAt: row.last_sign_in_at }));
  }

  /**
   * Sets the account's email address, verified or not (`checkEmailAddress` first). Throws
   * {@link EmailTakenError} when another account has verified the same address; an unverified
   * claim elsewhere does not block it. Pass `trx` to make it part of a transaction.
   */
  async setEmail(id: string, email: { address: string; normalized: string }, verified: boolean, trx: Kysely<AccountsSchema> = this.db): Promise<void> {
    try {
      await trx
        .updateTable('users')
        .set({ email: email.address, email_normalized: email.normalized, email_verified_at: verified ? this.timestamp() : null, updated_at: this.timestamp() })
        .where('id', '=', id)
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError('That email address belongs to another account.');
      throw error;
    }
  }

  /** How many accounts exist. */
  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }
}
