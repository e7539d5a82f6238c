import { type DataKeyring, generateRecoveryCodes, generateTotpSecret, openData, recoveryCodeDigest, sealData, verifyTotp } from '@acme/auth-core';
import type { TwoFactorStore } from '../accounts/two-factor-store.js';

/** What {@link SecondFactor.check} found: which factor the code was, or that it was wrong. */
export type SecondFactorCheck = { ok: true; via: 'totp' | 'recovery-code' } | { ok: false };

/** The additional data a user's TOTP secret is sealed with: a secret copied to another user does not open. */
const totpAad = (userId: string) => `totp:${userId}`;
/** The additional data of a secret waiting in the session for its first code. */
const pendingAad = (userId: string) => `pending-totp:${userId}`;

/**
 * The second factor of an account: TOTP (RFC 6238) with recovery codes, on top of
 * {@link TwoFactorStore}. Secrets are sealed with DATA_KEYS (AES-256-GCM, the user id as additional
 * data); a code is accepted once, by the store's compare-and-set on the last time step; a
 * recovery code is used once, atomically. Never caches anything: every check reads the store.
 *
 * @example
 * const factor = new SecondFactor(twoFactor, config.dataKeys, config.now);
 * if ((await factor.check(user.id, form.code)).ok) await login(ctx, user);
 */
export class SecondFactor {
  /**
   * @param store - where secrets, steps and recovery codes live.
   * @param keyring - DATA_KEYS.
   * @param now - the clock (a fake one in tests).
   */
  constructor(
    readonly store: TwoFactorStore,
    private readonly keyring: DataKeyring,
    private readonly now: () => number = Date.now,
  ) {}

  /** The same second factor over another store (a wrapper that counts or holds calls, in tests). */
  withStore(store: TwoFactorStore): SecondFactor {
    return new SecondFactor(store, this.keyring, this.now);
  }

  /** Whether the account has a second factor. */
  async isOn(userId: string): Promise<boolean> {
    return (await this.store.totpOf(userId)) !== undefined;
  }

  /** A new secret for enrolment, and its sealed form to keep (in the session) until a code proves it. */
  newPendingSecret(userId: string): { secret: string; sealed: string } {
    const secret = generateTotpSecret();
    return { secret, sealed: sealData(this.keyring, secret, pendingAad(userId)) };
  }

  /** Opens a sealed pending secret of `userId`; `undefined` when it is not one (or not theirs). */
  openPendingSecret(userId: string, sealed: unknown): string | undefined {
    return typeof sealed === 'string' ? openData(this.keyring, sealed, pendingAad(userId)) : undefined;
  }

  /**
   * Turns TOTP on once `code` proves the pending `secret` (SEC-MFA-01), and returns the 10 new
   * recovery codes to show once; `undefined` for a wrong code (nothing changes).
   */
  async enable(userId: string, secret: string, code: unknown): Promise<string[] | undefined> {
    const check = verifyTotp(secret, code, { now: new Date(this.now()) });
    if (!check.ok) return undefined;
    await this.store.enableTotp(userId, sealData(this.keyring, secret, totpAad(userId)), check.step);
    return this.newRecoveryCodes(userId);
  }

  /** Replaces the recovery codes (the old set is void at once) and returns the new ones to show once. */
  async newRecoveryCodes(userId: string): Promise<string[]> {
    const { codes, digests } = generateRecoveryCodes();
    await this.store.replaceRecoveryCodes(userId, digests);
    return codes;
  }

  /**
   * Checks a typed code: a TOTP code for a later step than the last one accepted (stored by
   * compare-and-set, so one code works once, even in parallel), or an unused recovery code (used
   * up atomically). A secret no key of DATA_KEYS opens matches nothing.
   */
  async check(userId: string, code: unknown): Promise<SecondFactorCheck> {
    const totp = await this.store.totpOf(userId);
    if (!totp) return { ok: false };
    const secret = openData(this.keyring, totp.sealedSecret, totpAad(userId));
    if (secret !== undefined) {
      const result = verifyTotp(secret, code, { now: new Date(this.now()), afterStep: totp.lastStep });
      if (result.ok) return (await this.store.acceptStep(userId, result.step)) ? { ok: true, via: 'totp' } : { ok: false };
    }
    const digest = recoveryCodeDigest(code);
    if (digest !== undefined && (await this.store.useRecoveryCode(userId, digest))) return { ok: true, via: 'recovery-code' };
    return { ok: false };
  }

  /** Turns the second factor off: the secret, the step and every recovery code go. */
  async disable(userId: string): Promise<void> {
    await this.store.disableTotp(userId);
  }
}
