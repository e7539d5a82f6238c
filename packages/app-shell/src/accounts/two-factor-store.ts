import type { Kysely } from 'kysely';
import type { AccountsSchema } from './schema.js';

/** A stored passkey, as the WebAuthn ceremonies need it. */
export interface StoredPasskey {
  /** Credential id, base64url. */
  id: string;
  /** The account. */
  userId: string;
  /** COSE public key, base64url. */
  publicKey: string;
  /** The signature counter last seen. */
  counter: number;
  /** Transports the authenticator named. */
  transports: string[];
  /** `singleDevice` or `multiDevice`. */
  deviceType: string;
  /** Backed up (synced) when true. */
  backedUp: boolean;
  /** The name shown on the passkeys page. */
  name: string;
  /** ISO 8601 registration time. */
  createdAt: string;
  /** ISO 8601 time of the last sign-in with it. */
  lastUsedAt: string | null;
}

/**
 * The second factor's storage, on SQLite or PostgreSQL. Everything a parallel request could race
 * on is one conditional statement: a TOTP step is accepted only if it is later than the stored
 * one, a recovery code is used only if unused, a passkey counter moves only from the value the
 * check saw. Nothing here is cached: a cache cannot compare-and-set.
 *
 * @example
 * const check = verifyTotp(secret, code, { now, afterStep: state.lastStep });
 * if (check.ok && (await twoFactor.acceptStep(user.id, check.step))) completeLogin();
 */
export class TwoFactorStore {
  /**
   * @param db - the app's database (with `accountMigrations`).
   * @param now - the clock in ms since the epoch.
   */
  constructor(
    private readonly db: Kysely<AccountsSchema>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Turns TOTP on with a sealed secret and the step of the code that proved it (that code cannot be replayed). */
  async enableTotp(userId: string, sealedSecret: string, provenStep: number): Promise<void> {
    await this.db.updateTable('users').set({ totp_secret: sealedSecret, totp_last_step: provenStep, two_factor_enabled_at: this.timestamp() }).where('id', '=', userId).execute();
  }

  /** Turns the second factor off: drops the secret, the step and every recovery code. */
  async disableTotp(userId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ totp_secret: null, totp_last_step: null, two_factor_enabled_at: null }).where('id', '=', userId).execute();
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    });
  }

  /** The sealed secret and the last accepted step, or `undefined` when TOTP is off. */
  async totpOf(userId: string): Promise<{ sealedSecret: string; lastStep: number | null } | undefined> {
    const row = await this.db.selectFrom('users').select(['totp_secret', 'totp_last_step']).where('id', '=', userId).executeTakeFirst();
    if (!row?.totp_secret) return undefined;
    return { sealedSecret: row.totp_secret, lastStep: row.totp_last_step === null ? null : Number(row.totp_last_step) };
  }

  /** Records `step` as used if it is later than the stored one; of parallel calls with one step, exactly one gets true. */
  async acceptStep(userId: string, step: number): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', userId)
      .where('totp_secret', 'is not', null)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Replaces the user's recovery codes with `digests` in one transaction: the old set is void. */
  async replaceRecoveryCodes(userId: string, digests: readonly string[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      if (digests.length > 0) await trx.insertInto('recovery_codes').values(digests.map((digest) => ({ user_id: userId, digest, used_at: null }))).execute();
    });
  }

  /** Uses a recovery code once: of parallel calls with one code, exactly one gets true. */
  async useRecoveryCode(userId: string, digest: string): Promise<boolean> {
    const result = await this.db.updateTable('recovery_codes').set({ used_at: this.timestamp() }).where('user_id', '=', userId).where('digest', '=', digest).where('used_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** How many unused recovery codes the user has left. */
  async remainingRecoveryCodes(userId: string): Promise<number> {
    const row = await this.db.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Stores a new passkey. */
  async addPasskey(passkey: Omit<StoredPasskey, 'createdAt' | 'lastUsedAt'>): Promise<void> {
    await this.db
      .insertInto('passkeys')
      .values({
        id: passkey.id,
        user_id: passkey.userId,
        public_key: passkey.publicKey,
        counter: passkey.counter,
        transports: passkey.transports.join(','),
        device_type: passkey.deviceType,
        backed_up: passkey.backedUp ? 1 : 0,
        name: passkey.name,
        created_at: this.timestamp(),
        last_used_at: null,
      })
      .execute();
  }

  /** The user's passkeys, oldest first. */
  async listPasskeys(userId: string): Promise<StoredPasskey[]> {
    const rows = await this.db.selectFrom('passkeys').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toPasskey);
  }

  /** A passkey by credential id (a discoverable sign-in names no user first). */
  async findPasskey(id: string): Promise<StoredPasskey | undefined> {
    const row = await this.db.selectFrom('passkeys').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toPasskey(row) : undefined;
  }

  /** Moves a passkey's counter from `seen` to `next` (and records the use); false when another request moved it first. */
  async updatePasskeyCounter(id: string, seen: number, next: number): Promise<boolean> {
    const result = await this.db.updateTable('passkeys').set({ counter: next, last_used_at: this.timestamp() }).where('id', '=', id).where('counter', '=', seen).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Removes one of the user's passkeys; false when it was not theirs or is gone. */
  async removePasskey(userId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('passkeys').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }
}

function toPasskey(row: { id: string; user_id: string; public_key: string; counter: number | string; transports: string; device_type: string; backed_up: number; name: string; created_at: string; last_used_at: string | null }): StoredPasskey {
  return {
    id: row.id,
    userId: row.user_id,
    publicKey: row.public_key,
    counter: Number(row.counter),
    transports: row.transports === '' ? [] : row.transports.split(','),
    deviceType: row.device_type,
    backedUp: Number(row.backed_up) === 1,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}
