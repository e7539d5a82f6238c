import { foldForComparison } from './fold.js';

/** Context words shorter than this are ignored: "al" inside a password says nothing. */
const MIN_CONTEXT_WORD = 3;

/** Letters and digits only: `demo-koa` and `demokoa` compare equal. */
function alphanumeric(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, '');
}

/** The word and its simple derivatives: reversed, without separators, without trailing digits. */
function derivatives(word: string): string[] {
  const folded = foldForComparison(word);
  const forms = [folded, alphanumeric(folded), folded.replace(/\d+$/, ''), [...folded].reverse().join('')];
  return [...new Set(forms)].filter((form) => [...form].length >= MIN_CONTEXT_WORD);
}

/**
 * Removes every occurrence of the context words (and their derivatives) from `folded`, compared
 * on letters and digits only, and returns what is left; `undefined` when no context word occurs.
 *
 * @example
 * remainderWithoutContext('alicealicealice1', ['alice']); // '1'
 */
export function remainderWithoutContext(folded: string, words: readonly (string | undefined)[]): string | undefined {
  const forms = words
    .filter((word): word is string => typeof word === 'string')
    .flatMap(derivatives)
    .map(alphanumeric)
    .filter((form) => [...form].length >= MIN_CONTEXT_WORD)
    .sort((a, b) => b.length - a.length);
  let remainder = alphanumeric(folded);
  let found = false;
  for (const form of forms) {
    if (remainder.includes(form)) {
      found = true;
      remainder = remainder.split(form).join('');
    }
  }
  return found ? remainder : undefined;
}
