/**
 * The comparison form of a password for blocklist checks: NFKC, then lower case, then NFKC again
 * (lower-casing can produce characters that compose differently). JavaScript has no full Unicode
 * case folding; `toLowerCase` covers what the list contains. Usernames are compared in this form
 * too, so it stays exactly this; the policy adds `withoutInvisible`.
 *
 * @example
 * foldForComparison('ＰａｓｓＷｏｒｄ'); // 'password'
 */
export function foldForComparison(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFKC');
}

/**
 * Characters nobody sees: format characters (zero-width space, joiners, soft hyphen, direction
 * marks) and Unicode's default-ignorable code points (variation selectors, fillers). Unicode's own
 * property classes, so new invisible characters are covered as the runtime's Unicode data grows.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * `text` without invisible characters: they change the bytes, not what anyone sees, types or
 * guesses, so `pass\u200Bword` is `password` to every blocklist rule.
 *
 * @example
 * withoutInvisible('pass\u200Bword'); // 'password'
 */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}
/** Spaces of every kind (NFKC has already turned no-break and ideographic spaces into U+0020). */
const WHITESPACE = /\p{White_Space}/gu;
/** Punctuation and symbols at either end: `....password....`, `dragon!!!!!!!!!`. */
const SURROUNDING_PUNCTUATION = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
/** A run of two or more punctuation marks or symbols inside: `pass!!!!word`. One alone stays (`p@ssw0rd`). */
const PUNCTUATION_RUN = /[\p{P}\p{S}]{2,}/gu;
/** The same character three or more times in a row: `passwordddddddd`. */
const CHARACTER_RUN = /(.)\1{2,}/gu;
/** A run of one character (three or more) at either end: `passwordxxxxxxx`, `iloveyou0000000`. */
const EDGE_RUN = /^(.)\1{2,}|(.)\2{2,}$/gu;

/**
 * The padding-free forms of a password, for comparison with the common-password list only (the
 * hash still takes the NFKC form). Padding a listed password with spaces, invisible characters,
 * dots, `!!!!` or a repeated character adds length that a length rule counts but nothing an
 * attacker's guesser does not try first. From {@link foldForComparison} without invisible
 * characters: whitespace, punctuation and symbols at either end and runs of punctuation inside
 * are taken off; then one form cuts runs of a repeated character to one (`passwordddddddd` →
 * `password`), the other also drops such a run at either end (`passwordxxxxxxx` → `password`).
 * The list entries are folded the same way. Passphrases keep their words: `correct horse battery
 * staple` becomes `correcthorsebatterystaple`, compared whole (it is not on the list); splitting
 * into listed words is the concatenation rule's job, and that rule keeps spaces as separators.
 * An all-punctuation password, which stripping would empty, keeps its folded form.
 *
 * @example
 * paddingFreeForms('....Password....'); // ['password']
 * paddingFreeForms('dragon!!!!!!!!!'); // ['dragon']
 * paddingFreeForms('iloveyou0000000'); // ['iloveyou0', 'iloveyou']
 */
export function paddingFreeForms(text: string): string[] {
  const folded = withoutInvisible(foldForComparison(text));
  const core = folded.replace(WHITESPACE, '').replace(SURROUNDING_PUNCTUATION, '').replace(PUNCTUATION_RUN, '');
  const forms = [core.replace(CHARACTER_RUN, '$1'), core.replace(EDGE_RUN, '').replace(CHARACTER_RUN, '$1')].filter((form) => form.length > 0);
  return forms.length > 0 ? [...new Set(forms)] : [folded];
}
