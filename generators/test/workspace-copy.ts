import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SKIP = new Set(['node_modules', '.git', '.turbo', 'dist', 'test-results', 'data', 'coverage', 'cache', '.temp']);
const run = promisify(execFile);

/**
 * Copies the workspace (sources only) into a temp folder and links each node_modules folder back
 * to the real one, so generators and the tools they call run as in a fresh checkout, without a
 * reinstall.
 */
export async function copyWorkspace(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gen-ws-'));
  await cp(repoRoot, dir, { recursive: true, filter: (src) => !SKIP.has(path.basename(src)) });
  const packages = ['.', 'generators', 'docs', ...(await readdir(path.join(repoRoot, 'apps'))).map((a) => `apps/${a}`), ...(await readdir(path.join(repoRoot, 'packages'))).map((p) => `packages/${p}`)];
  for (const pkg of packages) {
    const real = path.join(repoRoot, pkg, 'node_modules');
    if (existsSync(real) && existsSync(path.join(dir, pkg))) await symlink(real, path.join(dir, pkg, 'node_modules'), 'dir');
  }
  return dir;
}

/** Runs the generator CLI in `cwd`; resolves with its output and exit code, never rejects. */
export async function gen(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [path.join(cwd, 'generators', 'src', 'cli.ts'), ...args], {
      cwd,
      env: { ...process.env, INIT_CWD: cwd },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/**
 * Runs a command in `cwd` (with `env`, by default this process's) and rejects with the end of its
 * output when it fails.
 */
export async function sh(cwd: string, command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await run(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${(e.stdout ?? '').slice(-6000)}\n${(e.stderr ?? '').slice(-4000)}`, { cause: error });
  }
}
