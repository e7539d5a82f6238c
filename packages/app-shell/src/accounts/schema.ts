import type { Generated } from 'kysely';

/** The `users` table the account migrations create. */
export interface UsersTable {
  /** A random UUID. */
  id: string;
  /** As typed (NFKC, trimmed). */
  username: string;
  /** The comparison form, with a unique index. */
  username_normalized: string;
  /**
   * The confusable skeleton (`usernameSkeleton`), with a unique index: look-alike names cannot
   * both exist. Null only for accounts that already clashed when the column was added.
   */
  username_skeleton: string | null;
  /** The stored password hash. */
  password_hash: string;
  /** Bumped to end every session of the user. */
  auth_epoch: Generated<number>;
  /** 1 when the account is disabled. */
  disabled: Generated<number>;
  /** Role names, comma-separated (`''` for none). */
  roles: Generated<string>;
  /** ISO 8601 time of creation. */
  created_at: string;
  /** ISO 8601 time of the last change. */
  updated_at: string;
  /** ISO 8601 time of the last sign-in; null until the first. */
  last_sign_in_at: string | null;
  /** The email address as typed; null when the account has none. */
  email: string | null;
  /** Its comparison form (`checkEmailAddress`); unique among verified addresses. */
  email_normalized: string | null;
  /** ISO 8601 time the address was verified; null while it is not. */
  email_verified_at: string | null;
  /** The TOTP secret sealed with DATA_KEYS (`sealData`, additional data `totp:<id>`); null without TOTP. */
  totp_secret: string | null;
  /** The last accepted TOTP time step: only later steps are accepted (compare-and-set). */
  totp_last_step: number | string | null;
  /** ISO 8601 time TOTP was turned on; null while it is off. */
  two_factor_enabled_at: string | null;
}

/** The `recovery_codes` table: SHA-256 digests, each usable once. */
export interface RecoveryCodesTable {
  /** The account. */
  user_id: string;
  /** SHA-256 (hex) of the normalized code. */
  digest: string;
  /** ISO 8601 time of use; null while unused. */
  used_at: string | null;
}

/** The `passkeys` table: a user's WebAuthn credentials. */
export interface PasskeysTable {
  /** The credential id, base64url. */
  id: string;
  /** The account. */
  user_id: string;
  /** The COSE public key, base64url. */
  public_key: string;
  /** The signature counter last seen. */
  counter: number | string;
  /** Transports the authenticator named, comma-separated. */
  transports: Generated<string>;
  /** `singleDevice` or `multiDevice` (synced). */
  device_type: string;
  /** 1 when the credential is backed up (synced). */
  backed_up: number;
  /** A name the user recognises. */
  name: string;
  /** ISO 8601 time of registration. */
  created_at: string;
  /** ISO 8601 time of the last sign-in with it. */
  last_used_at: string | null;
}

/** The `account_tokens` table: mailed single-use tokens, by digest. */
export interface AccountTokensTable {
  /** SHA-256 (hex) of the token; the token itself is never stored. */
  digest: string;
  /** The account the token acts for. */
  user_id: string;
  /** `password-reset` or `email-verification`. */
  purpose: string;
  /** The account's `auth_epoch` at issue: a password change voids the token. */
  auth_epoch: number;
  /** The address a verification token proves (as typed); null for resets. */
  email: string | null;
  /** Its comparison form. */
  email_normalized: string | null;
  /** ISO 8601 time of issue. */
  created_at: string;
  /** ISO 8601 time after which the token is refused. */
  expires_at: string;
  /** ISO 8601 time it was used; null while unused. */
  used_at: string | null;
}

/** The `mail_outbox` table: queued mail and mail tasks, payloads sealed with DATA_KEYS. */
export interface MailOutboxTable {
  /** A random UUID; also the additional data the payload is sealed with. */
  id: string;
  /** `mail`, or the name of a task the worker runs. */
  kind: string;
  /** The sealed JSON payload (`sealData`). */
  payload: string;
  /** The Message-ID, fixed at enqueue: a retried send is the same message. */
  message_id: string;
  /** Failed sends so far. */
  attempts: Generated<number>;
  /** ISO 8601: not before this time. */
  next_attempt_at: string;
  /** The worker holding the row, while `lease_until` is in the future. */
  lease_owner: string | null;
  /** ISO 8601 end of the lease. */
  lease_until: string | null;
  /** The last failure, without the message (for operators). */
  last_error: string | null;
  /** ISO 8601 time of enqueue. */
  created_at: string;
}

/** The part of an app's database the account store uses. */
export interface AccountsSchema {
  /** The accounts. */
  users: UsersTable;
  /** Mailed reset and verification tokens. */
  account_tokens: AccountTokensTable;
  /** Queued mail. */
  mail_outbox: MailOutboxTable;
  /** Recovery codes. */
  recovery_codes: RecoveryCodesTable;
  /** Passkeys. */
  passkeys: PasskeysTable;
}
