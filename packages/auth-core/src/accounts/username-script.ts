import propertyValueAliases from 'unicode-property-value-aliases-ecmascript';

/**
 * One test per Unicode script, by Script_Extensions (a character shared by several scripts, such
 * as a Japanese long-vowel mark, counts for each). The script names come from a maintained
 * package of Unicode data (Mathias Bynens', which Babel uses) rather than a list typed here;
 * the character data itself is the runtime's, through \p{…}. Names the runtime's Unicode
 * version does not know yet are skipped: their characters simply match no script.
 */
const SCRIPTS: readonly { name: string; test: RegExp }[] = [...new Set(propertyValueAliases.get('Script')?.values() ?? [])]
  .filter((name) => name !== 'Common' && name !== 'Inherited' && name !== 'Unknown')
  .flatMap((name) => {
    try {
      return [{ name, test: new RegExp(`\\p{Script_Extensions=${name}}`, 'u') }];
    } catch {
      return [];
    }
  });

/**
 * UTS #39's "highly restrictive" combinations: Japanese, Korean and Chinese names mix Han with
 * their own scripts. Each set stands for one writing system that may also mix in Latin.
 */
const WRITING_SYSTEMS: readonly (readonly string[])[] = [
  ['Han', 'Hiragana', 'Katakana'],
  ['Han', 'Hangul'],
  ['Han', 'Bopomofo'],
];

/** The scripts of one character; empty for Common and Inherited (digits, `.`, `_`, `-`, combining marks). */
function scriptsOf(char: string): Set<string> {
  return new Set(SCRIPTS.filter((script) => script.test.test(char)).map((script) => script.name));
}

/** Whether every character's scripts (ignoring Common and Inherited) share one member of `allowed`. */
function resolvesWithin(sets: readonly Set<string>[], allowed: readonly string[]): boolean {
  return sets.every((set) => allowed.some((name) => set.has(name)));
}

/**
 * Whether `name` is written in one script, in UTS #39's "highly restrictive" sense: all its
 * letters share a script (digits and `._-` belong to every script), or it is Latin mixed with
 * one of the Han-based writing systems (Japanese, Korean, Chinese with Bopomofo). Mixing
 * look-alike letters of different scripts (`аdmin` with a Cyrillic а) is what impersonation needs.
 *
 * @example
 * isSingleScript('admin'); // true
 * isSingleScript('админ'); // true
 * isSingleScript('аdmin'); // false (Cyrillic а + Latin)
 * isSingleScript('tanaka田中'); // true (Latin + Han)
 */
export function isSingleScript(name: string): boolean {
  const sets = [...name].map(scriptsOf).filter((set) => set.size > 0);
  const common = sets.reduce<Set<string> | undefined>((acc, set) => (acc === undefined ? set : new Set([...acc].filter((s) => set.has(s)))), undefined);
  if (common === undefined || common.size > 0) return true;
  const nonLatin = sets.filter((set) => !set.has('Latin'));
  return WRITING_SYSTEMS.some((system) => resolvesWithin(nonLatin, system));
}
