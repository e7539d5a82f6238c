import path from 'node:path';
import { describe, expect, it } from 'vitest';
import register from '../turbo/generators/config.js';
import { repoRoot } from './workspace-copy.js';

type Registered = { description: string; prompts: { name: string }[]; actions: ((answers: Record<string, unknown>) => string)[] };

/** What `turbo gen` sees: the shim's generators, registered on a stand-in for plop's API. */
function shimGenerators(): Map<string, Registered> {
  const generators = new Map<string, Registered>();
  register({ setGenerator: (name, config) => void generators.set(name, config) });
  return generators;
}

describe('turbo gen shim (generators/turbo/generators/config.ts)', () => {
  it('lists the same generators as pnpm gen, asking for the same flags', () => {
    const generators = shimGenerators();
    expect([...generators.keys()]).toEqual(['app', 'auth', 'route']);
    expect(generators.get('route')?.prompts.map((p) => p.name)).toEqual(['app', 'path', 'name', 'role', 'json', 'dry-run']);
  });

  it('runs pnpm gen with the answers as flags, and surfaces its refusals', () => {
    const route = shimGenerators().get('route');
    const run = route?.actions[0];
    if (!run) throw new Error('no route action');
    const cwd = process.cwd();
    process.chdir(path.join(repoRoot, 'generators'));
    try {
      const out = run({ app: 'demo-koa', path: '/shim-check', name: '', role: 'admin', json: false, 'dry-run': true });
      expect(out).toContain('Dry run: nothing written.');
      expect(out).toContain('create apps/demo-koa/src/routes/generated/shim-check.ts');
      expect(() => run({ app: 'demo-koa', path: '/login', 'dry-run': true })).toThrow(/reserved/);
    } finally {
      process.chdir(cwd);
    }
  });
});
