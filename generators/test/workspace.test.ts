import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listWorkspaceApps, workspaceScope } from '../src/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('listWorkspaceApps', () => {
  it('finds every app of this workspace, under its scoped package name', async () => {
    const folders = existsSync(path.join(repoRoot, 'apps')) ? await readdir(path.join(repoRoot, 'apps')) : [];
    const expected = folders.filter((f) => existsSync(path.join(repoRoot, 'apps', f, 'package.json'))).sort();
    const apps = await listWorkspaceApps(repoRoot);
    expect(apps.map((a) => a.name).sort()).toEqual(expected);
    const scope = await workspaceScope(repoRoot);
    for (const app of apps) expect(app.packageName).toBe(`${scope}/${app.name}`);
  });

  it('ignores folders without a package.json and returns [] without apps/', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'gen-ws-'));
    expect(await listWorkspaceApps(root)).toEqual([]);
    await mkdir(path.join(root, 'apps', 'empty'), { recursive: true });
    await mkdir(path.join(root, 'apps', 'real'), { recursive: true });
    await writeFile(path.join(root, 'apps', 'real', 'package.json'), '{"name":"@x/real"}');
    expect((await listWorkspaceApps(root)).map((a) => a.name)).toEqual(['real']);
  });
});

describe('workspaceScope', () => {
  it('reads the scope from the root package.json name, and fails clearly without one', async () => {
    const { name } = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string };
    expect(await workspaceScope(repoRoot)).toBe(name.split('/')[0]);
    const root = await mkdtemp(path.join(tmpdir(), 'gen-ws-'));
    await writeFile(path.join(root, 'package.json'), '{"name":"plain"}');
    await expect(workspaceScope(root)).rejects.toThrow(/no scoped name/);
  });
});
