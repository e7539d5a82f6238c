import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CTRL_C, inTerminal } from './terminal.js';
import { repoRoot } from './workspace-copy.js';

const run = promisify(execFile);

/**
 * This environment without NODE_ENV: plop's CLI writes its progress lines to stdout instead of
 * stderr when NODE_ENV is `test` (its own test mode), which Vitest sets.
 */
const plopEnv = () => Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV'));

/** `pnpm --silent plop …` at the root, without a terminal; resolves with its exit code and output. */
async function plop(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('pnpm', ['--silent', 'plop', ...args], { cwd: repoRoot, env: plopEnv() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

// Issue 18 #5 and #6: plop is the engine (`pnpm plop` is plop's own CLI on generators/plopfile.ts),
// and a person who walks away from a prompt gets an interrupted exit, not a success.
describe('pnpm plop', () => {
  it('lists the four generators, and Ctrl-C at the list exits 130 with no stack', async () => {
    const { code, out } = await inTerminal(repoRoot, ['pnpm', '--silent', 'plop'], [{ when: /init - /, keys: [CTRL_C] }]);
    const listed = out
      .split('\n')
      .map((line) => /^\W*(\w+) - /.exec(line)?.[1])
      .filter((name) => name !== undefined);
    expect(listed, out).toEqual(['app', 'auth', 'route', 'init']);
    expect(code, out).toBe(130);
    expect(out).not.toMatch(/^\s+at /m);
  }, 60_000);

  it('Ctrl-C at a pnpm gen prompt exits 130 with no stack', async () => {
    const { code, out } = await inTerminal(repoRoot, ['pnpm', '--silent', 'gen', 'app'], [{ when: /App name/, keys: [...'sho', CTRL_C] }]);
    expect(code, out).toBe(130);
    expect(out).not.toMatch(/^\s+at /m);
  }, 60_000);

  it('refuses a bad named answer before anything is written, with the reason, and exits 1', async () => {
    const { code, stdout, stderr } = await plop(['app', '--', '--name', 'Not Valid', '--dry-run']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('"Not Valid" is not a valid app name');
  });

  it('without a terminal, a missing required answer is an error naming plop\'s flag, not a hang', async () => {
    const { code, stdout, stderr } = await plop(['app']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('Missing --name, and no terminal to ask in.');
    expect(stderr).toContain('pnpm plop app -- --name <name>');
  });

  it('a dry run prints to stdout exactly what pnpm gen prints, nothing around it', async () => {
    const viaPlop = await plop(['app', '--', '--name', 'plop-check', '--dry-run']);
    const viaGen = await run('pnpm', ['--silent', 'gen', 'app', '--name', 'plop-check', '--dry-run'], { cwd: repoRoot });
    expect(viaPlop.code, viaPlop.stderr).toBe(0);
    expect(viaPlop.stdout).toBe(viaGen.stdout);
    expect(viaPlop.stdout.split('\n')[0]).toBe('Dry run: nothing written. Would:');
    expect(viaPlop.stdout.endsWith('pnpm-lock.yaml)\n')).toBe(true);
  });
});
