import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appDefaultPort, freeDefaultPort, listWorkspaceApps, workspaceScope } from '../src/index.js';

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

describe('default ports', () => {
  it('reads an app\'s defaultPort (3000 without one) and gives a new app the first port no app uses', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'gen-ws-'));
    expect(await freeDefaultPort(root)).toBe(3000);
    const app = async (name: string, config?: string) => {
      await mkdir(path.join(root, 'apps', name, 'src'), { recursive: true });
      await writeFile(path.join(root, 'apps', name, 'package.json'), `{"name":"@x/${name}"}`);
      if (config !== undefined) await writeFile(path.join(root, 'apps', name, 'src', 'config.ts'), config);
      return path.join(root, 'apps', name);
    };
    const demo = await app('demo');
    expect(await appDefaultPort(demo)).toBe(3000);
    expect(await freeDefaultPort(root)).toBe(3001);
    const shop = await app('shop', "readAppConfig(env, { appRoot: APP_ROOT, appName: 'shop', defaultPort: 3001 });\n");
    expect(await appDefaultPort(shop)).toBe(3001);
    await app('blog', "readAppConfig(env, { appRoot: APP_ROOT, appName: 'blog', defaultPort: 3003 });\n");
    expect(await freeDefaultPort(root)).toBe(3002);
  });
});
