/**
 * The one transform applied to passwords: Unicode NFKC. No trimming, no case folding, no
 * truncation (SECURITY.md § Password policy).
 *
 * @example
 * normalizePassword('ｐａｓｓ'); // 'pass'
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/**
 * Length in Unicode code points, the unit NIST counts in (an emoji is one, not two UTF-16 units).
 *
 * @example
 * codePointLength('😀😀'); // 2
 */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
