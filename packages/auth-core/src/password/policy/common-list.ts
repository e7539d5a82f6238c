import { readFileSync } from 'node:fs';
import { foldForComparison, paddingFreeForms } from './fold.js';

/**
 * The bundled list of common and breached passwords: the 30,000 most frequent passwords of the
 * breach corpora compiled by zxcvbn (MIT licence, see data/common-passwords.LICENSE.txt).
 * Resolved from the package root, which is two levels above both src/password/policy and
 * dist/password/policy.
 */
const LIST_URL = new URL('../../../data/common-passwords.txt', import.meta.url);

let cached: ReadonlySet<string> | undefined;

/**
 * Returns the common-password list as a set of folded entries, loading it once. Each entry is
 * there in both forms a password is compared in: {@link foldForComparison} (for the token rules)
 * and the padding-free `paddingFreeForms` (so `p@ssw0rd!` on the list also catches `p@ssw0rd!!!!!!!`).
 *
 * @example
 * commonPasswords().has('dragon'); // true
 */
export function commonPasswords(): ReadonlySet<string> {
  cached ??= new Set(
    readFileSync(LIST_URL, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .flatMap((line) => [foldForComparison(line), ...paddingFreeForms(line)]),
  );
  return cached;
}

/**
 * Whether `folded` (see {@link foldForComparison} and `paddingFreeForms`) is on the bundled list.
 *
 * @example
 * isCommonPassword('password1'); // true
 */
export function isCommonPassword(folded: string): boolean {
  return commonPasswords().has(folded);
}
