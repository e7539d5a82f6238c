/**
 * The security decisions of SECURITY.md as constants. Code reads them from here, and a doc-lint
 * test checks that SECURITY.md states the same numbers, so the two cannot drift apart.
 */

/** Password length limits, counted in Unicode code points after NFKC (NIST SP 800-63B rev 4). */
export const PASSWORD_LIMITS = {
  /** Default minimum length for single-factor authentication. */
  minLength: 15,
  /** The lowest minimum a deployment may configure (only acceptable with MFA). */
  minLengthFloor: 8,
  /** Hard maximum in code points; longer passwords are rejected, never truncated. */
  maxLength: 1024,
  /** Hard maximum in UTF-8 bytes. */
  maxBytes: 4096,
} as const satisfies Record<string, number>;

/** Session lifetimes in milliseconds, both enforced server-side. */
export const SESSION_TIMEOUTS = {
  /** A session unused for this long is dead. */
  idleMs: 30 * 60 * 1000,
  /** A session older than this is dead, however active. */
  absoluteMs: 12 * 60 * 60 * 1000,
} as const satisfies Record<string, number>;

/** Login throttling limits (rate-limiter-flexible). */
export const THROTTLE_LIMITS = {
  /** Consecutive failures allowed per username+IP before a block. */
  usernameIpFailures: 10,
  /** How long a username+IP pair stays blocked, in seconds. */
  usernameIpBlockSeconds: 60 * 60,
  /** Failures allowed per IP per day, across all usernames. */
  ipFailuresPerDay: 100,
  /** Consecutive failures allowed per account, whatever the IP. */
  accountFailures: 100,
  /** How long an account stays blocked after `accountFailures`, in seconds (temporary, never permanent). */
  accountBlockSeconds: 60 * 60,
  /** Registrations allowed per IP per hour. */
  registrationsPerHour: 20,
  /** Wrong second-factor codes allowed in one sign-in; then it starts over at the password. */
  secondFactorFailuresPerSignIn: 5,
  /** Wrong second-factor codes allowed per account per hour, whatever the sign-in. */
  secondFactorFailuresPerHour: 10,
} as const satisfies Record<string, number>;

/** Session identifier size: 32 random bytes, 43 base64url characters. */
export const SESSION_ID_BYTES = 32;

/** Account recovery and email verification (mailed single-use links). */
export const MAIL_LIMITS = {
  /** A password-reset link works this long after it is mailed, in minutes. */
  resetTokenMinutes: 30,
  /** An email-verification link works this long, in hours. */
  verificationTokenHours: 24,
  /** Forgot-password requests per address per hour; later ones mail nothing (the answer is the same). */
  resetRequestsPerAddressPerHour: 5,
  /** Forgot-password requests per IP per hour. */
  resetRequestsPerIpPerHour: 20,
  /** A followed reset link is kept in a pre-auth record this long, in minutes (the decisions table: ≤ 5; the link itself still works for a new try). */
  resetPreAuthMinutes: 5,
} as const satisfies Record<string, number>;
