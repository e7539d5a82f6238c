import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as authenticator apps expect it: SHA-1, 30-second steps. */
const PERIOD_SECONDS = 30;
/** Accept the step before and after now: clocks drift, and people type slowly. */
const WINDOW = 1;

function totp(secret: string, digits: number): TOTP {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits, period: PERIOD_SECONDS });
}

/**
 * A new TOTP secret: 160 bits from the CSPRNG (RFC 4226's recommended length), in base32 as
 * authenticator apps take it. Store it encrypted (`sealData`, with the user id as additional data).
 *
 * @example
 * const secret = generateTotpSecret(); // 'JBSWY3DPEHPK3PXP…' (32 characters)
 */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/**
 * The code for `secret` at `at` (RFC 6238, SHA-1, 30 s). `digits` is 6 in the product; the RFC's
 * test vectors use 8.
 *
 * @example
 * totpCode(secret, new Date()); // '492039'
 */
export function totpCode(secret: string, at: Date, digits = 6): string {
  return totp(secret, digits).generate({ timestamp: at.getTime() });
}

/** What {@link verifyTotp} answers: the time step a right code belongs to, to store by compare-and-set. */
export type TotpCheck = { ok: true; step: number } | { ok: false };

/**
 * Checks a typed code against `secret` at `now`, accepting the previous, current and next
 * 30-second step, but only a step STRICTLY AFTER `afterStep` (the last one accepted for this
 * user): a code works once, and an older code never works after a newer one did. The caller
 * stores the returned step with an atomic compare-and-set, which is what makes "once" hold under
 * parallel requests. Spaces are ignored; anything but 6 digits is `{ ok: false }`; never throws.
 *
 * @example
 * const check = verifyTotp(secret, form.code, { now: new Date(), afterStep: user.totpLastStep });
 * if (check.ok && (await store.acceptStep(user.id, check.step))) signIn();
 */
export function verifyTotp(secret: string, code: unknown, options: { now: Date; afterStep?: number | null | undefined; digits?: number }): TotpCheck {
  const digits = options.digits ?? 6;
  if (typeof code !== 'string') return { ok: false };
  const token = code.replace(/\s+/g, '');
  if (!new RegExp(`^\\d{${digits}}$`).test(token)) return { ok: false };
  let delta: number | null;
  try {
    delta = totp(secret, digits).validate({ token, timestamp: options.now.getTime(), window: WINDOW });
  } catch {
    // A secret that is not base32 (a corrupt row) verifies nothing.
    return { ok: false };
  }
  if (delta === null) return { ok: false };
  const step = Math.floor(options.now.getTime() / 1000 / PERIOD_SECONDS) + delta;
  const after = options.afterStep ?? -1;
  return step > after ? { ok: true, step } : { ok: false };
}

/**
 * The `otpauth://totp/…` URI an authenticator app scans (as a QR code) or takes as text:
 * issuer and account label encoded, SHA1, 6 digits, 30 s.
 *
 * @example
 * otpauthUri({ secret, issuer: 'Shop', account: 'alice' });
 * // 'otpauth://totp/Shop:alice?issuer=Shop&secret=…&algorithm=SHA1&digits=6&period=30'
 */
export function otpauthUri(options: { secret: string; issuer: string; account: string }): string {
  return new TOTP({ issuer: options.issuer, label: options.account, secret: Secret.fromBase32(options.secret), algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS }).toString();
}
