import { commonPasswords } from './common-list.js';

/**
 * Sequences people walk along when they make up a "random" password: keyboard rows in the common
 * layouts, keyboard columns, the alphabet and the digit row. A run of 3+ characters of one of
 * these, forwards or backwards and wrapping around, is a walk.
 */
const WALK_SOURCES: readonly string[] = [
  '`1234567890-=qwertyuiop[]\\asdfghjkl;\'zxcvbnm,./',
  '1234567890qwertzuiopasdfghjklyxcvbnm',
  '1234567890azertyuiopqsdfghjklmwxcvbn',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/',
  'zaq1xsw2cde3vfr4bgt5nhy6mju7,ki8.lo9/;p0',
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
];
const WALK_TEXT: readonly string[] = WALK_SOURCES.flatMap((source) => {
  const wrapped = source + source;
  return [wrapped, [...wrapped].reverse().join('')];
});

/** Shortest piece the segmenter accepts, so random strings are not explained by 1–2 letter scraps. */
const MIN_PIECE = 3;
/** A password explained by more pieces than this is not "a few common tokens glued together". */
const MAX_PIECES = 4;
/** Longest piece tried (the list's longest entries are about 20 characters). */
const MAX_PIECE = 40;
/** Longer passwords are not segmented: four tokens of at most MAX_PIECE cannot spell them. */
const MAX_SEGMENTED = MAX_PIECES * MAX_PIECE;

/**
 * Whether `text` is a keyboard, alphabet or digit walk (e.g. `qwertyuiopasdfg`, `123456789012345`).
 *
 * @example
 * isWalk('qwertyuiopasdfg'); // true
 */
export function isWalk(text: string): boolean {
  return text.length >= MIN_PIECE && WALK_TEXT.some((walk) => walk.includes(text));
}

/**
 * The shortest unit whose repetition (the last copy possibly cut short) spells `text`, when some
 * of `text` repeats its start (`dragondragondra`, `gohabsgogohabsg`); otherwise `undefined`.
 *
 * @example
 * repeatedUnit('dragondragondra'); // 'dragon'
 * repeatedUnit('tangerine');       // undefined
 */
export function repeatedUnit(text: string): string | undefined {
  const chars = [...text];
  for (let period = 1; period < chars.length; period += 1) {
    if (chars.every((ch, i) => ch === chars[i % period])) return chars.slice(0, period).join('');
  }
  return undefined;
}

/** A token is weak when it is a walk or a listed password that has a letter (pure numbers only match whole). */
function isWeakToken(token: string): boolean {
  if (isWalk(token)) return true;
  return /\p{L}/u.test(token) && commonPasswords().has(token);
}

/**
 * Whether `folded` splits into at most four weak tokens: listed passwords, walks and repeats of
 * either (`passwordpassword`, `qwerty123456789`, `dragonmonkey1`). Spaces and other characters
 * outside the tokens break the chain, so `tangerine lantern orbit sky` is not explained.
 *
 * @example
 * isConcatenationOfWeakTokens('passwordpassword'); // true
 */
export function isConcatenationOfWeakTokens(folded: string): boolean {
  const chars = [...folded];
  const n = chars.length;
  if (n > MAX_SEGMENTED) return false;
  // fewest[i] = fewest weak tokens that spell chars[0..i), Infinity when none do.
  const fewest: number[] = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
  fewest[0] = 0;
  for (let end = MIN_PIECE; end <= n; end += 1) {
    for (let start = Math.max(0, end - MAX_PIECE); start <= end - MIN_PIECE; start += 1) {
      const before = fewest[start] ?? Number.POSITIVE_INFINITY;
      if (before + 1 >= (fewest[end] ?? Number.POSITIVE_INFINITY)) continue;
      if (isWeakToken(chars.slice(start, end).join(''))) fewest[end] = before + 1;
    }
  }
  return (fewest[n] ?? Number.POSITIVE_INFINITY) <= MAX_PIECES;
}
