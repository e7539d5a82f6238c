import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveAppDir } from '../../src/cli/app-target.js';

const roots: string[] = [];
afterEach(async () => Promise.all(roots.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));

async function workspaceWith(apps: string[]): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'users-apps-'));
  roots.push(root);
  for (const app of apps) {
    await mkdir(path.join(root, 'apps', app), { recursive: true });
    await writeFile(path.join(root, 'apps', app, 'package.json'), '{}');
  }
  return root;
}

describe('which app pnpm users opens', () => {
  it('takes the only app when --app is left out', async () => {
    const root = await workspaceWith(['shop']);
    expect(resolveAppDir(root, {})).toBe(path.join(root, 'apps', 'shop'));
  });

  it('asks which one, listing them, when there are several', async () => {
    const root = await workspaceWith(['shop', 'admin-site']);
    expect(() => resolveAppDir(root, {})).toThrow('Which app? Add --app with one of: admin-site, shop.');
    expect(resolveAppDir(root, { app: 'shop' })).toBe(path.join(root, 'apps', 'shop'));
  });

  it('refuses an unknown app, and says when there is none', async () => {
    expect(() => resolveAppDir(path.join(tmpdir(), 'no-such-workspace'), {})).toThrow('There is no app under apps/ (make one with pnpm gen app).');
    const root = await workspaceWith(['shop']);
    expect(() => resolveAppDir(root, { app: '../etc' })).toThrow('Unknown app "../etc". Apps in this workspace: shop.');
  });
});
