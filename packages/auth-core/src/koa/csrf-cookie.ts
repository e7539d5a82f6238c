import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';

/**
 * HKDF `info` label: the CSRF key is derived from SESSION_KEYS for this purpose only, so it never
 * equals a key that signs cookies (and a signature made for one use is worthless for the other).
 */
const HKDF_INFO = 'auth-core csrf double-submit token v1';

/** A cookie value auth-core made: 32 random bytes, base64url. Anything else is treated as absent. */
const VALUE_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Options of {@link DoubleSubmitCsrf}. */
export interface DoubleSubmitCsrfOptions {
  /** SESSION_KEYS, newest first: the newest derives the signing key, older ones still verify. */
  keys: readonly string[];
  /** Secure cookie (HTTPS): named `__Host-csrf`; otherwise `csrf` (plain-http development). */
  secure: boolean;
}

/**
 * The anonymous half of CSRF protection: a signed double-submit token bound to a random cookie
 * (OWASP CSRF cheat sheet, "signed double-submit cookie"), so login and sign-up forms need no
 * server-side session. The cookie holds 256 random bits; the form token is
 * HMAC-SHA256(key, cookie value) under a key derived from SESSION_KEYS with HKDF. A site that
 * cannot read the victim's cookie cannot compute the token, and `__Host-` (Secure, Path=/, no
 * Domain) stops subdomains and plain-http pages from planting a cookie of their own.
 *
 * Hand-written: the maintained koa CSRF packages keep the secret in the session (which is what
 * a GET must not create) or accept the token from the query string.
 *
 * @example
 * const csrf = new DoubleSubmitCsrf({ keys: config.sessionKeys, secure: config.production });
 * const token = csrf.tokenFor(csrf.read(ctx) ?? csrf.newValue());
 */
export class DoubleSubmitCsrf {
  /** `__Host-csrf` when Secure, `csrf` otherwise. */
  readonly cookieName: string;
  readonly #secure: boolean;
  readonly #keys: readonly Buffer[];

  /** Derives one HMAC key per session key (at least one). */
  constructor(options: DoubleSubmitCsrfOptions) {
    if (options.keys.length === 0) throw new TypeError('csrfProtection needs the session keys (SESSION_KEYS) to sign anonymous form tokens');
    this.#secure = options.secure;
    this.cookieName = options.secure ? '__Host-csrf' : 'csrf';
    this.#keys = options.keys.map((key) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), HKDF_INFO, 32)));
  }

  /** A new random cookie value (256 bits, base64url). */
  newValue(): string {
    return randomBytes(32).toString('base64url');
  }

  /** The request's cookie value, if it has the shape auth-core gives it. */
  read(ctx: Koa.Context): string | undefined {
    // signed: false, because Koa signs cookies by default when app.keys is set: this value is
    // random and bound by the HMAC below, a .sig cookie would add nothing.
    const value = ctx.cookies.get(this.cookieName, { signed: false });
    return value !== undefined && VALUE_SHAPE.test(value) ? value : undefined;
  }

  /** Sets the cookie: HttpOnly, SameSite=Lax, Path=/, Secure when secure, no Domain, no expiry. */
  write(ctx: Koa.Context, value: string): void {
    ctx.cookies.set(this.cookieName, value, { httpOnly: true, sameSite: 'lax', path: '/', secure: this.#secure, signed: false, overwrite: true });
  }

  /** The form token for a cookie value, under the newest key. */
  tokenFor(value: string): string {
    return sign(this.#keys[0] ?? Buffer.alloc(0), value);
  }

  /** Whether `token` is the form token of `value` under any key; each comparison in constant time. */
  verify(value: string, token: string): boolean {
    const given = Buffer.from(token);
    let ok = false;
    for (const key of this.#keys) {
      const expected = Buffer.from(sign(key, value));
      // Token length is public; equal lengths are compared in constant time, every key is tried.
      if (expected.length === given.length && timingSafeEqual(expected, given)) ok = true;
    }
    return ok;
  }
}

function sign(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}
