import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GeneratorError, planAuth } from '../src/index.js';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('planAuth', () => {
  it('refuses an app gen app did not make (no src/features.ts), saying so', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'plan-auth-'));
    made.push(root);
    await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: '@acme/workspace' }));
    await mkdir(path.join(root, 'apps', 'handmade', 'src'), { recursive: true });
    await writeFile(path.join(root, 'apps', 'handmade', 'package.json'), JSON.stringify({ name: '@acme/handmade' }));
    const planned = planAuth(root, { app: 'handmade' });
    await expect(planned).rejects.toThrow(GeneratorError);
    await expect(planned).rejects.toThrow(/apps\/handmade\/src\/features\.ts is missing: gen auth adds accounts to apps made by `pnpm gen app`/);
  });
});
