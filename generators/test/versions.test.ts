import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dependencyVersions } from '../src/app/versions.js';
import { repoRoot } from './workspace-copy.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function workspaceWith(yaml: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gen-catalog-'));
  dirs.push(dir);
  await writeFile(path.join(dir, 'pnpm-workspace.yaml'), yaml);
  return dir;
}

describe("a new app's versions come from the workspace's pnpm catalog", () => {
  it('gives catalog: for every dependency the app declares, from this workspace', async () => {
    await expect(dependencyVersions(repoRoot)).resolves.toEqual({
      koa: 'catalog:',
      '@koa/router': 'catalog:',
      '@types/koa': 'catalog:',
      '@types/supertest': 'catalog:',
      supertest: 'catalog:',
      tsx: 'catalog:',
    });
  });

  it('refuses, naming what is missing, when the catalog lacks a dependency or is absent', async () => {
    const partial = await workspaceWith("packages:\n  - apps/*\ncatalog:\n  koa: 3.3.0\n  tsx: 4.23.15\n");
    await expect(dependencyVersions(partial)).rejects.toThrow(/catalog has no @koa\/router, @types\/koa, @types\/supertest, supertest;/);
    const none = await workspaceWith('packages:\n  - apps/*\n');
    await expect(dependencyVersions(none)).rejects.toThrow(/catalog has no koa, /);
  });

  it('refuses a pnpm-workspace.yaml that is not YAML with a message, not a stack', async () => {
    const broken = await workspaceWith('packages: [apps/*\ncatalog: {koa: 3\n');
    await expect(dependencyVersions(broken)).rejects.toThrow(/^pnpm-workspace.yaml is not valid YAML/);
  });
});

describe('shared versions are pinned once, in the catalog', () => {
  it('no two package.json files name the same dependency with a version of their own', async () => {
    const { readFile, readdir } = await import('node:fs/promises');
    const manifests = ['package.json'];
    for (const group of ['apps', 'packages']) {
      const names = await readdir(path.join(repoRoot, group)).catch(() => []);
      manifests.push(...names.map((name) => `${group}/${name}/package.json`));
    }
    manifests.push('generators/package.json', 'docs/package.json', 'bench/package.json');
    const pinnedBy = new Map<string, string[]>();
    for (const file of manifests) {
      const text = await readFile(path.join(repoRoot, file), 'utf8').catch(() => undefined);
      if (text === undefined) continue; // gen init may have dropped docs or bench
      const manifest = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
      for (const field of ['dependencies', 'devDependencies'] as const) {
        for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
          if (spec.startsWith('workspace:') || spec === 'catalog:') continue;
          pinnedBy.set(name, [...(pinnedBy.get(name) ?? []), file]);
        }
      }
    }
    const twice = [...pinnedBy].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`);
    expect(twice, 'move these to the catalog in pnpm-workspace.yaml and write "catalog:"').toEqual([]);
  });
});
