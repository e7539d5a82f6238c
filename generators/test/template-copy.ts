import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, sh } from './workspace-copy.js';

const run = promisify(execFile);

/** The environment for the suite run inside a copy: without the outer Vitest's and turbo's state. */
export function copyEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && !key.startsWith('TURBO_')));
}

/**
 * Runs a command in a copy as the suite inside it runs, without the outer Vitest's and turbo's
 * state ({@link copyEnv}); rejects with the end of its output.
 */
export function inCopy(cwd: string, command: string, args: string[]): Promise<string> {
  return sh(cwd, command, args, copyEnv());
}

/**
 * Copies the template as a fresh clone would have it, plus uncommitted work (tracked and
 * untracked, not ignored, files), with real copies of every node_modules folder (pnpm's links are
 * relative, so they point into the copy: reinstalling there never touches this checkout), then
 * commits it all in a new git repository.
 */
export async function copyTemplate(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gen-init-'));
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
  for (const file of new Set(stdout.split('\0').filter((f) => f !== ''))) {
    if (!existsSync(path.join(repoRoot, file))) continue;
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await copyFile(path.join(repoRoot, file), path.join(dir, file));
  }
  const groups = await Promise.all(['apps', 'packages'].map(async (g) => (await readdir(path.join(dir, g)).catch(() => [])).map((p) => `${g}/${p}`)));
  for (const pkg of ['.', 'generators', 'docs', 'bench', ...groups.flat()]) {
    const modules = path.join(repoRoot, pkg, 'node_modules');
    if (existsSync(modules) && existsSync(path.join(dir, pkg))) await run('cp', ['-a', modules, path.join(dir, pkg, 'node_modules')]);
  }
  const steps = [['init', '-q'], ['config', 'user.name', 'init test'], ['config', 'user.email', 'init@example.test'], ['add', '-A'], ['commit', '-q', '-m', 'Start from the template']];
  for (const args of steps) await run('git', args, { cwd: dir });
  return dir;
}

/** The repository's state: HEAD and `git status --porcelain`, to show a refused run touched nothing. */
export async function repoState(dir: string): Promise<string> {
  return `${await sh(dir, 'git', ['rev-parse', 'HEAD'])}${await sh(dir, 'git', ['status', '--porcelain'])}`;
}
