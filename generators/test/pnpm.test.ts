import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPnpm, pinnedPnpmVersion } from '../src/pnpm.js';
import { copyWorkspace, repoRoot } from './workspace-copy.js';

const run = promisify(execFile);

/** A PATH with this Node and nothing else: a machine that followed "you need Node.js and npm" but never installed pnpm. */
async function pathWithoutPnpm(): Promise<string> {
  const bin = await mkdtemp(path.join(tmpdir(), 'gen-nopnpm-'));
  await symlink(process.execPath, path.join(bin, 'node'));
  return bin;
}

/** The environment of a process not started by pnpm, on that PATH. */
function envWithoutPnpm(bin: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_') && !key.startsWith('VITEST') && !key.startsWith('TURBO_')));
  return { ...env, PATH: bin };
}

// Issue 17 #15: the generators shell out to pnpm (gen app's install, init's lockfile), which
// failed with a bare ENOENT on a machine without a global pnpm.
describe('findPnpm', () => {
  let bin: string;
  const pinned = async () => {
    const { packageManager } = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { packageManager: string };
    return packageManager.replace(/^pnpm@/, '');
  };

  beforeAll(async () => {
    bin = await pathWithoutPnpm();
  });

  afterAll(async () => {
    await rm(bin, { recursive: true, force: true });
  });

  it('reads the pinned version from package.json', async () => {
    expect(await pinnedPnpmVersion(repoRoot)).toBe(await pinned());
  });

  it('without pnpm on the PATH and not started by pnpm, says how to install the pinned version', async () => {
    const version = await pinned();
    const failure = findPnpm(repoRoot, envWithoutPnpm(bin));
    await expect(failure).rejects.toThrow(`npm install --global pnpm@${version}`);
    await expect(failure).rejects.toThrow(`npx pnpm@${version} gen`);
  });

  it('prefers the pnpm that started the process (npm_execpath), run with this Node when it is JavaScript', async () => {
    const launcher = path.join(bin, 'pnpm.cjs');
    await writeFile(launcher, '');
    try {
      expect(await findPnpm(repoRoot, { ...envWithoutPnpm(bin), npm_execpath: launcher })).toEqual({ command: process.execPath, args: [launcher] });
      // npm's own launcher is not pnpm: it is ignored.
      await expect(findPnpm(repoRoot, { ...envWithoutPnpm(bin), npm_execpath: path.join(bin, 'npm-cli.js') })).rejects.toThrow(/pnpm is not installed/);
    } finally {
      await rm(launcher);
    }
  });

  it('else takes pnpm from the PATH', async () => {
    const other = await mkdtemp(path.join(tmpdir(), 'gen-pnpm-'));
    try {
      await writeFile(path.join(other, 'pnpm'), '#!/bin/sh\n');
      await chmod(path.join(other, 'pnpm'), 0o755);
      expect(await findPnpm(repoRoot, { ...envWithoutPnpm(bin), PATH: `${bin}${path.delimiter}${other}` })).toEqual({ command: path.join(other, 'pnpm'), args: [] });
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('gen app without any pnpm stops before writing, with that advice instead of ENOENT', async () => {
    const ws = await copyWorkspace();
    try {
      const cli = path.join(ws, 'generators', 'src', 'cli.ts');
      const result = await run(process.execPath, ['--import', 'tsx', cli, 'app', '--name', 'no-pnpm'], { cwd: ws, env: { ...envWithoutPnpm(bin), INIT_CWD: ws } }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code?: number; stderr?: string }) => ({ code: error.code ?? 1, stderr: error.stderr ?? '' }),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^gen: pnpm is not installed/);
      expect(result.stderr).toContain(`npm install --global pnpm@${await pinned()}`);
      expect(existsSync(path.join(ws, 'apps', 'no-pnpm'))).toBe(false);
    } finally {
      await rm(ws, { recursive: true, force: true });
    }
  });
});
