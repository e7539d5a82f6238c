/**
 * The comparison form of a password for blocklist checks: NFKC, then lower case, then NFKC again
 * (lower-casing can produce characters that compose differently). JavaScript has no full Unicode
 * case folding; `toLowerCase` covers what the list contains.
 *
 * @example
 * foldForComparison('ＰａｓｓＷｏｒｄ'); // 'password'
 */
export function foldForComparison(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFKC');
}
