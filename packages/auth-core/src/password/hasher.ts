import { availableParallelism } from 'node:os';
import { PASSWORD_LIMITS } from '../config/defaults.js';
import { createHashQueue, HasherBusyError, type HashQueue } from './hash-queue.js';
import { normalizePassword } from './normalize.js';
import { assertUsableParams, DEFAULT_SCRYPT_PARAMS, type ScryptParams } from './params.js';
import { kdfHash, kdfParams, kdfVerify } from './scrypt-kdf-format.js';
import { parseWrappedLegacyHash } from './legacy-wrap.js';
import { legacyDigestHex, parseWerkzeugHash, verifyWerkzeugHash } from './werkzeug.js';

/** The outcome of checking a password against a stored hash. */
export interface VerifyResult {
  /** The password matches. */
  ok: boolean;
  /** The hash should be replaced: legacy format or params other than the current policy. */
  needsRehash: boolean;
}

/** Options of {@link createPasswordHasher}. */
export interface PasswordHasherOptions {
  /** Params for new hashes; below OWASP's floor only when made by `testOnlyScryptParams`. */
  params?: ScryptParams;
  /** Most hashes computed at once; each holds 128·N·r bytes (128 MiB at the default). Default: min(2, cores). */
  maxConcurrent?: number;
  /** Most hashes waiting; past it calls reject with `HasherBusyError`. Default 64. */
  maxQueue?: number;
  /** Share one hash queue between hashers (e.g. the module-level `hashPassword`). */
  queue?: HashQueue;
}

/** Hashes and verifies passwords with bounded concurrency: {@link createPasswordHasher}'s result. */
export interface PasswordHasher {
  /** The params new hashes get. */
  readonly params: ScryptParams;
  /** NFKC-normalizes and hashes a password (scrypt-kdf, base64). */
  hash(password: string): Promise<string>;
  /**
   * Checks a password against a stored hash of any supported format. Never throws on bad input:
   * a malformed, empty, hostile or unknown stored value is `{ ok: false }` after one dummy hash
   * with the current params, so the time taken does not tell a broken record from a wrong password.
   */
  verify(stored: unknown, password: unknown): Promise<VerifyResult>;
  /**
   * A genuine hash of a random password with the current params, for unknown users. The hasher
   * starts making it when it is created, so the first unknown-user login costs one scrypt like
   * every other; an app awaits it at start (`createAppServices` does) before serving.
   */
  dummyHash(): Promise<string>;
  /** Hashes running now. */
  inFlight: () => number;
  /** Hashes waiting now. */
  queued: () => number;
  /** The most hashes that ran at once. */
  peakInFlight: () => number;
}

const FAILED: VerifyResult = Object.freeze({ ok: false, needsRehash: false });

function sameParams(a: ScryptParams, b: ScryptParams): boolean {
  return a.logN === b.logN && a.r === b.r && a.p === b.p;
}

/**
 * Creates a password hasher: scrypt-kdf hashes with the given params, verification of scrypt-kdf
 * and Werkzeug hashes, all run off the event loop (libuv's threadpool) through a bounded queue.
 *
 * @example
 * const hasher = createPasswordHasher();
 * const stored = await hasher.hash('correct horse battery staple');
 * const { ok, needsRehash } = await hasher.verify(stored, 'correct horse battery staple');
 */
export function createPasswordHasher(options: PasswordHasherOptions = {}): PasswordHasher {
  const params = options.params ?? DEFAULT_SCRYPT_PARAMS;
  assertUsableParams(params);
  const queue =
    options.queue ??
    createHashQueue({
      maxConcurrent: options.maxConcurrent ?? Math.min(2, availableParallelism()),
      maxQueue: options.maxQueue ?? 64,
    });
  let dummy: Promise<string> | undefined;

  const hash = (password: string): Promise<string> => {
    if (typeof password !== 'string') return Promise.reject(new TypeError('password must be a string'));
    return queue.run(() => kdfHash(normalizePassword(password), params));
  };

  const dummyHash = (): Promise<string> => {
    dummy ??= hash(`dummy-${Math.random().toString(36)}-${Date.now()}`).catch((error: unknown) => {
      dummy = undefined;
      throw error;
    });
    return dummy;
  };
  // Made now, not on the first unknown user: that login would otherwise run two scrypts (making
  // the dummy, then checking against it) and so stand out from a wrong password for a known user.
  // A failure here is retried by the next call; nobody awaits this one.
  dummyHash().catch(() => undefined);

  /** One real kdf run at current cost against the dummy, to keep failures as slow as successes. */
  const burn = async (password: string): Promise<VerifyResult> => {
    const stored = await dummyHash();
    await queue.run(() => kdfVerify(stored, normalizePassword(password)));
    return FAILED;
  };

  /** A legacy result, after the one scrypt every attempt costs; legacy hashes always need a rehash. */
  const legacyResult = (ok: boolean): VerifyResult => ({ ok, needsRehash: ok });

  const check = async (stored: unknown, password: unknown): Promise<VerifyResult> => {
    if (typeof password !== 'string' || Buffer.byteLength(password, 'utf8') > PASSWORD_LIMITS.maxBytes * 4) {
      return FAILED; // a password that could never have been stored; no hash needed to say no
    }
    if (typeof stored !== 'string') return burn(password);
    const kdf = kdfParams(stored);
    if (kdf) {
      const ok = await queue.run(() => kdfVerify(stored, normalizePassword(password)));
      return { ok, needsRehash: ok && !sameParams(kdf, params) };
    }
    // Werkzeug never normalized: legacy formats take the raw password; the rehash stores its NFKC form.
    const wrapped = parseWrappedLegacyHash(stored);
    if (wrapped) {
      const digest = legacyDigestHex(wrapped.legacy, password);
      return legacyResult(await queue.run(() => kdfVerify(wrapped.kdf, digest)));
    }
    const legacy = parseWerkzeugHash(stored);
    if (legacy?.kind === 'hmac') {
      // Not wrapped yet (the migration has not run over this row): the digest alone takes
      // microseconds, so add the one scrypt every attempt costs, or timing would single it out.
      const ok = await verifyWerkzeugHash(legacy, password);
      await burn(password);
      return legacyResult(ok);
    }
    if (legacy) return legacyResult(await queue.run(() => verifyWerkzeugHash(legacy, password)));
    return burn(password);
  };

  /** Untrusted input never throws past here: only "busy" does (the app answers 503 + Retry-After). */
  const verify = async (stored: unknown, password: unknown): Promise<VerifyResult> => {
    try {
      return await check(stored, password);
    } catch (error) {
      if (error instanceof HasherBusyError) throw error;
      return FAILED;
    }
  };

  return {
    params,
    hash,
    verify,
    dummyHash,
    inFlight: queue.inFlight,
    queued: queue.queued,
    peakInFlight: queue.peakInFlight,
  };
}
