import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GeneratorError } from './errors.js';

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
 * Runs pnpm in `root` through {@link runTool}: the pnpm running this script when there is one
 * (`npm_execpath`, as under `pnpm gen`), else `pnpm` from the PATH.
 *
 * @example
 * await runPnpm(root, ['install', '--lockfile-only'], 'pnpm install failed:');
 */
export async function runPnpm(root: string, args: readonly string[], explain: string): Promise<void> {
  const execPath = process.env.npm_execpath;
  if (execPath?.includes('pnpm')) await runTool(root, process.execPath, [execPath, ...args], explain);
  else await runTool(root, 'pnpm', args, explain);
}
