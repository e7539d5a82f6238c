import { GeneratorError } from '../errors.js';

/** A package or app name: lower-case letters and digits in single-dash-separated words, starting with a letter. */
export const PACKAGE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Folder names an app may not take: the workspace's own packages and tool folders. */
export const RESERVED_APP_NAMES = ['auth-core', 'app-shell', 'generators', 'docs', 'bench', 'node_modules', 'dist', 'test', 'tests', 'packages', 'apps', 'scripts', 'tooling', 'workspace'];

/**
 * Validates a new app's name: 2 to 40 lower-case letters, digits and single dashes, starting with
 * a letter (it becomes a folder, a package name and a Redis prefix). Throws {@link GeneratorError}
 * whose message starts with `label`: the flag on the command line, the question's words at a prompt.
 *
 * @example
 * parseAppName('shop'); // 'shop'
 */
export function parseAppName(raw: string, label = '--name'): string {
  const name = raw.trim();
  if (!PACKAGE_NAME.test(name) || name.length < 2 || name.length > 40) {
    throw new GeneratorError(`${label} "${raw}" is not a valid app name: use 2 to 40 lower-case letters, digits and dashes, starting with a letter (like shop or admin-portal).`);
  }
  if (RESERVED_APP_NAMES.includes(name)) throw new GeneratorError(`${label} "${name}" is reserved (${RESERVED_APP_NAMES.join(', ')}).`);
  return name;
}

/**
 * Validates `--port`: a whole number from 1024 to 65535 (lower ports need root). Throws
 * {@link GeneratorError}.
 *
 * @example
 * parsePort('3000'); // 3000
 */
export function parsePort(raw: string, label = '--port'): number {
  const port = /^\d{1,5}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!(port >= 1024 && port <= 65535)) throw new GeneratorError(`${label} "${raw}" is not a valid port: use a whole number from 1024 to 65535 (like 3000).`);
  return port;
}
