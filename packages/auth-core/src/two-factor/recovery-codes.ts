import { createHash, randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 25 characters × 5 bits = 125 bits: above ASVS 6.5.2's 112, so SHA-256 (not a slow hash) is enough. */
const CODE_LENGTH = 25;
/** How many codes a set has. */
export const RECOVERY_CODE_COUNT = 10;

function digest(normalized: string): string {
  return createHash('sha256').update(normalized).digest('hex');
}

/**
 * A new set of recovery codes: 10 codes of 125 bits each from the CSPRNG, shown to the user once
 * in groups of five (`7K3QX-…`), and their SHA-256 digests, which are all the database keeps.
 * Regenerating replaces the whole set.
 *
 * @example
 * const { codes, digests } = generateRecoveryCodes();
 * await store.replaceRecoveryCodes(user.id, digests);
 * ctx.render('recovery-codes.njk', { codes });
 */
export function generateRecoveryCodes(): { codes: string[]; digests: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(CODE_LENGTH);
    // 256 is a multiple of 32, so `byte % 32` is uniform.
    const raw = [...bytes].map((b) => ALPHABET[b % 32]).join('');
    return raw.match(/.{5}/g)?.join('-') ?? raw;
  });
  return { codes, digests: codes.map((code) => digest(code.replace(/-/g, ''))) };
}

/**
 * The digest of a recovery code as a person typed it, or `undefined` when it cannot be one: case,
 * spaces and dashes are ignored, and the letters people confuse are read as Crockford does
 * (I and L → 1, O → 0). Never throws.
 *
 * @example
 * const d = recoveryCodeDigest(form.code);
 * if (d && (await store.useRecoveryCode(user.id, d))) signIn();
 */
export function recoveryCodeDigest(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 64) return undefined;
  const normalized = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (normalized.length !== CODE_LENGTH || ![...normalized].every((c) => ALPHABET.includes(c))) return undefined;
  return digest(normalized);
}
