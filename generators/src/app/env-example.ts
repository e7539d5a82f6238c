import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GeneratorError } from '../errors.js';

/** One variable as the app shell declares it (packages/app-shell/env-variables.json). */
export interface DeclaredVariable {
  name: string;
  default: string;
  meaning: string;
}

/**
 * The app shell's declaration of every environment variable, read as data from
 * `packages/app-shell/env-variables.json` (the generators run on a fresh clone, before the shell
 * is built, and import no app-shell code).
 *
 * @example
 * (await declaredVariables(root)).map((v) => v.name); // ['NODE_ENV', 'PORT', …]
 */
export async function declaredVariables(root: string): Promise<DeclaredVariable[]> {
  const file = path.join(root, 'packages', 'app-shell', 'env-variables.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as DeclaredVariable[];
  } catch (error) {
    throw new GeneratorError(`Could not read ${path.relative(root, file)}, the list of the app shell's environment variables: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * `.env.example`: every variable with its meaning and default, all commented out, so a copy to
 * `.env` changes nothing until a line is uncommented.
 *
 * @example
 * envExample('shop', variables); // '# shop: environment variables…'
 */
export function envExample(appName: string, variables: readonly DeclaredVariable[]): string {
  const entries = variables.map((v) => `# ${v.meaning}\n# Default: ${v.default}\n# ${v.name}=\n`);
  return [
    `# ${appName}: every environment variable the app reads (docs: Configuration).`,
    '# Copy this file to .env (or .env.local, for your machine only) and uncomment what you change.',
    '# Both are read in development and by `pnpm users`, never committed, and never read in production;',
    '# a variable set in the real environment always wins.',
    '',
    entries.join('\n'),
  ].join('\n');
}
