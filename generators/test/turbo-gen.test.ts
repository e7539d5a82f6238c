import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { GENERATORS } from '../src/index.js';
import register, { turboGenAncestor } from '../turbo/generators/config.js';
import { repoRoot } from './workspace-copy.js';

type Registered = { description: string; prompts: { name: string }[]; actions: ((answers: Record<string, unknown>) => string)[] };

/** What `turbo gen` sees: the shim's generators, registered on a stand-in for plop's API. */
function shimGenerators(): Map<string, Registered> {
  const generators = new Map<string, Registered>();
  register({ setGenerator: (name, config) => void generators.set(name, config) });
  return generators;
}

describe('turbo gen shim (generators/turbo/generators/config.ts)', () => {
  it('lists the same generators as pnpm gen, asking for the same flags, read from the one declaration', () => {
    const generators = shimGenerators();
    expect([...generators.keys()]).toEqual(Object.keys(GENERATORS));
    expect([...generators.keys()]).toEqual(['app', 'auth', 'route', 'init']);
    for (const [name, generator] of Object.entries(GENERATORS)) {
      expect(generators.get(name)?.prompts.map((p) => p.name), name).toEqual(generator.questions.map((q) => q.name));
    }
    expect(generators.get('route')?.prompts.map((p) => p.name)).toEqual(['app', 'path', 'name', 'role', 'mfa', 'json', 'dry-run']);
  });

  it('runs the gen CLI with the answers as flags', () => {
    const generators = shimGenerators();
    const app = generators.get('app')?.actions[0];
    const route = generators.get('route')?.actions[0];
    if (!app || !route) throw new Error('no app or route action');
    const cwd = process.cwd();
    process.chdir(path.join(repoRoot, 'generators'));
    try {
      const out = app({ name: 'shim-check', 'dry-run': true });
      expect(out).toContain('Dry run: nothing written.');
      expect(out).toContain('create apps/shim-check/package.json');
    } finally {
      process.chdir(cwd);
    }
  });

  // Issue 18 #6: turbo gen printed the refusal and exited 0, so a script running it carried on.
  it('a refusal prints the reason and exits the process with 1', () => {
    const generators = shimGenerators();
    const app = generators.get('app')?.actions[0];
    const route = generators.get('route')?.actions[0];
    if (!app || !route) throw new Error('no app or route action');
    const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${String(code)}`);
    });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const cwd = process.cwd();
    process.chdir(path.join(repoRoot, 'generators'));
    try {
      expect(() => app({ name: 'Bad Name', 'dry-run': true })).toThrow('exit 1');
      expect(stderr).toHaveBeenLastCalledWith(expect.stringMatching(/not a valid app name/));
      expect(() => route({ app: 'no-such-app', path: '/reports', role: 'admin', 'dry-run': true })).toThrow('exit 1');
      expect(stderr).toHaveBeenLastCalledWith(expect.stringMatching(/Unknown app "no-such-app"/));
      expect(exit).toHaveBeenCalledTimes(2);
    } finally {
      process.chdir(cwd);
      exit.mockRestore();
      stderr.mockRestore();
    }
  });

  it('finds the `turbo gen` process it runs under, never a `turbo run`, and nothing under vitest', () => {
    // Process tables as `ps` shows them: pid → [parent pid, command line].
    const reader = (table: Record<number, [number, string]>) => (pid: number) => {
      const parent = table[pid]?.[0];
      const line = parent === undefined ? undefined : table[parent]?.[1];
      return parent === undefined || line === undefined ? undefined : { pid: parent, args: line };
    };
    const turboGen: Record<number, [number, string]> = {
      100: [90, 'node /cache/dlx/node_modules/.bin/turbo-gen raw run --json {}'], // @turbo/gen, loading this shim
      90: [80, 'node /usr/bin/pnpm dlx @turbo/gen@2.11.9 raw run'],
      80: [70, '/ws/node_modules/@turbo/linux-64/bin/turbo gen route'], // turbo's binary
      70: [60, 'node ./node_modules/.bin/../turbo/bin/turbo gen route'], // turbo's npm wrapper
      60: [1, 'bash'],
    };
    expect(turboGenAncestor(100, reader(turboGen))).toBe(80);
    // A generator test under `pnpm test`: its ancestors include `turbo run test`, which must never be touched.
    const turboRun: Record<number, [number, string]> = {
      200: [190, 'node /ws/node_modules/vitest/vitest.mjs run'],
      190: [180, '/ws/node_modules/@turbo/linux-64/bin/turbo run test --concurrency=1'],
      180: [1, 'bash'],
    };
    expect(turboGenAncestor(200, reader(turboRun))).toBeUndefined();
    expect(turboGenAncestor()).toBeUndefined();
  });

  // Issue 18 #6, end to end: turbo's CLI discards @turbo/gen's exit status, so the shim ends turbo itself.
  it('a real `turbo gen` exits non-zero when the generator refuses, and 0 when it succeeds', () => {
    const turbo = (args: string[]) =>
      spawnSync(path.join(repoRoot, 'node_modules', '.bin', 'turbo'), ['gen', 'app', '--args', ...args], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    const refused = turbo(['Bad Name', '4999', 'true', 'true']);
    expect(`${refused.stdout}${refused.stderr}`).toMatch(/not a valid app name/);
    expect(refused.status === 0 && refused.signal === null).toBe(false);
    const dryRun = turbo(['turbo-check', '4999', 'true', 'true']);
    expect(`${dryRun.stdout}${dryRun.stderr}`).toContain('create apps/turbo-check/package.json');
    expect(dryRun.status).toBe(0);
  }, 240_000);

  // Issue 17 #15: `turbo gen` ran `pnpm gen`, so `npx turbo gen` on a machine without a global
  // pnpm failed with ENOENT (turbo gen reaches the shim through npx, not through pnpm).
  it('runs without pnpm on the PATH', async () => {
    const bin = await mkdtemp(path.join(tmpdir(), 'gen-nopnpm-'));
    await symlink(process.execPath, path.join(bin, 'node'));
    const saved = { PATH: process.env.PATH, npm_execpath: process.env.npm_execpath, cwd: process.cwd() };
    process.env.PATH = bin;
    delete process.env.npm_execpath;
    process.chdir(path.join(repoRoot, 'generators'));
    try {
      const app = shimGenerators().get('app')?.actions[0];
      if (!app) throw new Error('no app action');
      expect(app({ name: 'shim-check', 'dry-run': true })).toContain('create apps/shim-check/package.json');
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.npm_execpath === undefined) delete process.env.npm_execpath;
      else process.env.npm_execpath = saved.npm_execpath;
      process.chdir(saved.cwd);
      await rm(bin, { recursive: true, force: true });
    }
  });
});
