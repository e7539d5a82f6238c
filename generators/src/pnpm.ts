import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GeneratorError } from './errors.js';

/** How to start pnpm: `command` with `args` before pnpm's own arguments. */
export interface PnpmCommand {
  command: string;
  args: string[];
}

/**
 * The pnpm version the root package.json pins (`"packageManager": "pnpm@10.34.9"`), or `10`
 * without one: what the "install pnpm" advice names.
 *
 * @example
 * await pinnedPnpmVersion(root); // '10.34.9'
 */
export async function pinnedPnpmVersion(root: string): Promise<string> {
  const text = await readFile(path.join(root, 'package.json'), 'utf8').catch(() => '{}');
  const { packageManager } = JSON.parse(text) as { packageManager?: unknown };
  const version = typeof packageManager === 'string' ? /^pnpm@([\w.+-]+)$/.exec(packageManager)?.[1] : undefined;
  return version ?? '10';
}

/** The first `name` on `env.PATH` (with Windows' PATHEXT suffixes), or undefined. */
function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const suffixes = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter((d) => d !== '')) {
    for (const suffix of suffixes) {
      const candidate = path.join(dir, `${name}${suffix}`);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Finds the pnpm to run: the one that started this process when there is one (`npm_execpath`,
 * set by `pnpm gen` and by `npx pnpm@… gen`), else `pnpm` on the PATH. Without either it throws a
 * {@link GeneratorError} that says how to get the pinned version, instead of a bare ENOENT later:
 * the README's quick start needs only npm, so "no pnpm" is a state a newcomer can really be in.
 *
 * @example
 * const pnpm = await findPnpm(root); // { command: '/usr/bin/node', args: ['/usr/lib/node_modules/pnpm/bin/pnpm.cjs'] }
 */
export async function findPnpm(root: string, env: NodeJS.ProcessEnv = process.env): Promise<PnpmCommand> {
  const launcher = env.npm_execpath;
  if (launcher !== undefined && /pnpm/i.test(path.basename(launcher)) && existsSync(launcher)) {
    // pnpm's npm package points at its JavaScript entry; @pnpm/exe at a native executable.
    return /\.[cm]?js$/.test(launcher) ? { command: process.execPath, args: [launcher] } : { command: launcher, args: [] };
  }
  const found = onPath('pnpm', env);
  if (found !== undefined) return { command: found, args: [] };
  const version = await pinnedPnpmVersion(root);
  throw new GeneratorError(
    `pnpm is not installed: it is not on the PATH, and this was not started by pnpm. Install the version this workspace pins (package.json "packageManager"):\n` +
      `  npm install --global pnpm@${version}\n` +
      `or run the same command through npx: npx pnpm@${version} gen …`,
  );
}
