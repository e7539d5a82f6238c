import { PASSWORD_LIMITS } from '../../config/defaults.js';
import { codePointLength, normalizePassword } from '../normalize.js';
import { isCommonPassword } from './common-list.js';
import { foldForComparison, paddingFreeForms, withoutInvisible } from './fold.js';
import { isConcatenationOfWeakTokens, isWalk, repeatedUnit } from './patterns.js';
import { remainderWithoutContext } from './context.js';

/** Why a password was refused. */
export type PasswordPolicyCode = 'invalid' | 'too_short' | 'too_long' | 'too_common' | 'context';

/** The outcome of {@link checkPasswordPolicy}. */
export type PasswordPolicyResult = PasswordAccepted | PasswordRefused;

/** The password meets the policy. */
export interface PasswordAccepted {
  /** Always true. */
  ok: true;
  /** The NFKC form of the password: hash this. */
  normalized: string;
}

/** The password does not meet the policy. */
export interface PasswordRefused {
  /** Always false. */
  ok: false;
  /** Machine-readable cause. */
  code: PasswordPolicyCode;
  /** A sentence for the person choosing the password. */
  reason: string;
}

/** Options of {@link checkPasswordPolicy}. */
export interface PasswordPolicyOptions {
  /** The account's username: passwords built from it are refused. */
  username?: string | undefined;
  /** The application's name: passwords built from it are refused. */
  appName?: string | undefined;
  /** Other words specific to this context (company, product). */
  contextWords?: readonly string[] | undefined;
  /** Minimum length in code points; default 15, never below 8. */
  minLength?: number | undefined;
}

/**
 * Whether `folded` repeats a weak unit: a short one (`abcabc…`), or one that is listed, a walk or
 * made of weak tokens, counting multiples of the shortest unit (`blingbling` is listed, `bling` not).
 */
function isWeakRepetition(folded: string): boolean {
  const unit = repeatedUnit(folded);
  if (unit === undefined) return false;
  if (codePointLength(unit) <= 4) return true;
  const copies = Math.floor(codePointLength(folded) / codePointLength(unit));
  for (let k = 1; k <= copies; k += 1) {
    const candidate = unit.repeat(k);
    if (isCommonPassword(candidate) || isWalk(candidate) || isConcatenationOfWeakTokens(candidate)) return true;
  }
  return false;
}

const TOO_COMMON =
  'This password is too common: it is on a list of passwords attackers try first, or is built from them. Try a few unrelated words.';

/**
 * Checks a new password against the policy of SECURITY.md: NFKC, length in code points (at least
 * 15 by default, at most 1024 code points and 4096 bytes, never truncated), no composition rules,
 * not common or breached (the bundled list, also after padding is taken off (whitespace,
 * invisible characters, surrounding or repeated punctuation, repeated characters), repetitions,
 * concatenations of listed tokens, keyboard walks, digit runs), and not built from the username or the app's name. Each refusal has a reason
 * written for the person choosing the password.
 *
 * @throws RangeError when `minLength` is below 8 (a configuration mistake, not user input)
 * @example
 * const result = checkPasswordPolicy(form.password, { username: form.username, appName: 'demo-koa' });
 * if (!result.ok) ctx.throw(400, result.reason);
 * await hashPassword(result.normalized);
 */
export function checkPasswordPolicy(password: unknown, options: PasswordPolicyOptions = {}): PasswordPolicyResult {
  const minLength = options.minLength ?? PASSWORD_LIMITS.minLength;
  if (!Number.isInteger(minLength) || minLength < PASSWORD_LIMITS.minLengthFloor || minLength > PASSWORD_LIMITS.maxLength) {
    throw new RangeError(`minLength must be a whole number from ${PASSWORD_LIMITS.minLengthFloor} to ${PASSWORD_LIMITS.maxLength}.`);
  }
  if (typeof password !== 'string' || password.length === 0) {
    return { ok: false, code: 'invalid', reason: 'Enter a password.' };
  }
  const normalized = normalizePassword(password);
  const length = codePointLength(normalized);
  if (length > PASSWORD_LIMITS.maxLength || Buffer.byteLength(normalized, 'utf8') > PASSWORD_LIMITS.maxBytes) {
    return {
      ok: false,
      code: 'too_long',
      reason: `Use at most ${PASSWORD_LIMITS.maxLength} characters. Longer passwords are refused, never cut short.`,
    };
  }
  if (length < minLength) {
    return { ok: false, code: 'too_short', reason: `Use at least ${minLength} characters. A few unrelated words make a strong, memorable password.` };
  }
  const folded = withoutInvisible(foldForComparison(normalized));
  // Padding (spaces, invisible characters, punctuation, a repeated character) is taken off for the
  // comparison with the list only; concatenations keep spaces, so passphrases of listed words pass.
  const forms = [folded, ...paddingFreeForms(normalized)];
  if (forms.some((form) => isCommonPassword(form) || isWalk(form) || isWeakRepetition(form)) || isConcatenationOfWeakTokens(folded)) {
    return { ok: false, code: 'too_common', reason: TOO_COMMON };
  }
  const words = [options.username, options.appName, ...(options.contextWords ?? [])];
  const remainder = remainderWithoutContext(folded, words);
  if (remainder !== undefined && (codePointLength(remainder) < PASSWORD_LIMITS.minLengthFloor || isConcatenationOfWeakTokens(remainder))) {
    return {
      ok: false,
      code: 'context',
      reason: 'This password is too close to your username or the name of this site. Choose words that have nothing to do with them.',
    };
  }
  return { ok: true, normalized };
}
