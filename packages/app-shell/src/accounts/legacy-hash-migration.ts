import type { Kysely, Migration } from 'kysely';
import { DEFAULT_SCRYPT_PARAMS, type ScryptParams, wrapLegacyHash } from '@acme/auth-core';
import type { AccountsSchema } from './schema.js';

/**
 * A migration that wraps every legacy Werkzeug `sha256$salt$hmac` hash in the `users` table in
 * scrypt ({@link wrapLegacyHash}), so that signing in to such an account costs one scrypt like
 * any other and its timing no longer stands out. Each wrap is one scrypt with `params`; rows are
 * updated one by one, only if their hash has not changed meanwhile. Other hashes are left as they
 * are (scrypt-kdf, Werkzeug scrypt and pbkdf2 are slow already). It cannot be undone: the
 * wrapped digest is not stored anywhere else (restore a backup instead).
 *
 * @param params - scrypt params of the wrapping; default {@link DEFAULT_SCRYPT_PARAMS}
 * @example
 * const migrations = { ...accountMigrations, '0003_wrap_legacy_hashes': wrapLegacyHashesMigration(myParams) };
 */
export function wrapLegacyHashesMigration(params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Migration {
  return {
    async up(untyped: Kysely<unknown>) {
      const db = untyped as Kysely<AccountsSchema>;
      // scrypt-kdf hashes (base64 of "scrypt…") are most rows and never legacy: skip them in SQL
      const rows = await db.selectFrom('users').select(['id', 'password_hash']).where('password_hash', 'not like', 'c2NyeXB0%').execute();
      for (const row of rows) {
        const wrapped = await wrapLegacyHash(row.password_hash, params);
        if (wrapped === undefined) continue;
        await db
          .updateTable('users')
          .set({ password_hash: wrapped, updated_at: new Date().toISOString() })
          .where('id', '=', row.id)
          .where('password_hash', '=', row.password_hash)
          .execute();
      }
    },
  };
}
