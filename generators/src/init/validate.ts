import { PACKAGE_NAME } from '../app/validate.js';
import { GeneratorError } from '../errors.js';

/**
 * Validates an npm scope: `@` then lower-case letters, digits, `-`, `.` or `_` (not first), at
 * most 50 characters. Throws {@link GeneratorError} with the reason, suggesting `@x` for a bare `x`.
 *
 * @example
 * parseScope('@newco'); // '@newco'
 */
export function parseScope(raw: string, label = '--scope'): string {
  const scope = raw.trim();
  if (!scope.startsWith('@')) {
    const hint = /^[a-z0-9]/.test(scope) ? ` (did you mean @${scope}?)` : '';
    throw new GeneratorError(`${label} must start with "@", e.g. @newco${hint}; got "${raw}".`);
  }
  if (!/^@[a-z0-9][a-z0-9._-]*$/.test(scope) || scope.length > 50) {
    throw new GeneratorError(`${label} "${raw}" is not a valid npm scope: use "@" and up to 49 lower-case letters, digits, "-", "." or "_", starting with a letter or digit.`);
  }
  return scope;
}

/**
 * Validates a project or app name: lower-case letters and digits in dash-separated words,
 * starting with a letter, 2 to 40 characters (a valid npm package name and folder name).
 *
 * @example
 * parseName('widget', '--name'); // 'widget'
 */
export function parseName(raw: string, flag: string): string {
  const name = raw.trim();
  if (name.length < 2 || name.length > 40 || !PACKAGE_NAME.test(name)) {
    throw new GeneratorError(`${flag} "${raw}" is not valid: use 2 to 40 lower-case letters, digits and single dashes, starting with a letter (e.g. widget, billing-app).`);
  }
  return name;
}

/**
 * Validates the product title shown as the README and docs title: 1 to 60 letters, digits,
 * spaces or `,.'&-`.
 *
 * @example
 * parseTitle('Widget'); // 'Widget'
 */
export function parseTitle(raw: string, label = '--title'): string {
  const title = raw.trim();
  if (!/^[\p{L}\p{N} ,.'&-]{1,60}$/u.test(title)) throw new GeneratorError(`${label} "${raw}" must be 1 to 60 letters, digits, spaces or ,.'&- characters.`);
  return title;
}
