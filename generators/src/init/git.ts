import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { GeneratorError } from '../errors.js';

const run = promisify(execFile);

async function git(root: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/**
 * Checks that `root` is the top of a git work tree with nothing uncommitted (untracked files
 * included) and a commit identity, so init can be one commit that `git show` reviews and
 * `git reset --hard HEAD~1` undoes. Throws {@link GeneratorError} otherwise.
 *
 * @example
 * await assertCleanRepo('/path/to/repo');
 */
export async function assertCleanRepo(root: string): Promise<void> {
  const top = await git(root, ['rev-parse', '--show-toplevel']).catch(() => undefined);
  if (top === undefined) {
    throw new GeneratorError('This folder is not a git repository. Run `git init && git add -A && git commit -m "Start from the template"` first, so init is one change you can review and undo.');
  }
  if ((await realpath(top.trim())) !== (await realpath(root))) {
    throw new GeneratorError(`The workspace must be the top of its git repository (it is inside ${top.trim()}).`);
  }
  const status = await git(root, ['status', '--porcelain']);
  if (status.trim() !== '') {
    const files = status.trimEnd().split('\n').slice(0, 10).map((l) => `  ${l}`).join('\n');
    throw new GeneratorError(`The working tree has uncommitted changes; commit or stash them first, so init is one change of its own:\n${files}`);
  }
  await git(root, ['var', 'GIT_AUTHOR_IDENT']).catch(() => {
    throw new GeneratorError('git has no author identity here; set user.name and user.email (git config) so init can commit.');
  });
}

/**
 * Lists the files git tracks in the workspace, relative to `root`, with `/` separators.
 *
 * @example
 * await trackedFiles(root); // ['README.md', 'apps/demo-koa/package.json', ...]
 */
export async function trackedFiles(root: string): Promise<string[]> {
  const out = await git(root, ['ls-files', '-z']);
  return out.split('\0').filter((f) => f !== '').map((f) => f.split(path.sep).join('/'));
}

/**
 * Stages every change in the work tree (it was clean before init) and commits it as one commit.
 *
 * @example
 * await commitAll(root, 'chore: initialise @newco/widget from the template');
 */
export async function commitAll(root: string, message: string): Promise<void> {
  await git(root, ['add', '-A']);
  await git(root, ['commit', '-q', '-m', message]);
}
