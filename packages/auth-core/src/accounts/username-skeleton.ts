import unhomoglyph from 'unhomoglyph';
import { foldForComparison } from '../password/policy/fold.js';

/** UTS #39's skeleton step: NFD, map each character to its prototype (confusables.txt), NFD again. */
function skeleton(text: string): string {
  return unhomoglyph(text.normalize('NFD')).normalize('NFD');
}

/**
 * The look-alike form of a username, for uniqueness: two names with the same skeleton look the
 * same on screen and may not both exist. It is the Unicode confusable skeleton (UTS #39, from
 * Unicode's confusables.txt through the `unhomoglyph` package) of the name's comparison form
 * (NFKC, lower case, trimmed: names are case-insensitive, so every spelling of one account has
 * one skeleton), lower-cased and taken again (some prototypes are capitals: `0` → `O`):
 * `аdmin` (Cyrillic а), `admιn` (Greek ι), `admın` (dotless ı), `ADMIN` and `adrnin` all share
 * one skeleton. Being case-insensitive, it does not see a capital `I` as an `l`. It is not for
 * display or for sign-in, which compares the normalized name as before.
 *
 * @example
 * usernameSkeleton('аdmin') === usernameSkeleton('admin'); // true
 */
export function usernameSkeleton(username: string): string {
  return skeleton(skeleton(foldForComparison(username).trim()).toLowerCase());
}
