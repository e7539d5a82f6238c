import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GeneratorError } from './errors.js';
import { findPnpm } from './pnpm.js';

const run = promisify(execFile);

/**
 * Runs a tool the generators rely on (pnpm, a workspace script) in `root`. When it fails, throws a
 * {@link GeneratorError} that starts with `explain` (what state the files are in, what to do) and
 * ends with everything the tool printed, so the person sees why.
 *
 * @example
 * await runTool(root, process.execPath, ['scripts/security-map.mjs'], 'The security map could not be regenerated:');
 */
export async function runTool(root: string, command: string, args: readonly string[], explain: string): Promise<void> {
  try {
    await run(command, [...args], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    const output = [e.stdout, e.stderr].filter((text) => text !== undefined && text.trim() !== '').join('\n');
    throw new GeneratorError(`${explain}\n${output || String(error)}`);
  }
}

/**
 * Runs pnpm in `root` through {@link runTool}: the pnpm {@link findPnpm} finds (the one running
 * this script, else the PATH's), or a {@link GeneratorError} saying how to install it.
 *
 * @example
 * await runPnpm(root, ['install', '--lockfile-only'], 'pnpm install failed:');
 */
export async function runPnpm(root: string, args: readonly string[], explain: string): Promise<void> {
  const pnpm = await findPnpm(root);
  await runTool(root, pnpm.command, [...pnpm.args, ...args], explain);
}
