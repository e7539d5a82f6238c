import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, DEMO_ONLY, filesUnder, isDemoOnly, makeTwin, withoutDemoDevDependencies } from './twin-workspace.js';
import { repoRoot } from './workspace-copy.js';

// Template-only (template.json's templateOnly): it holds the template's demo to the generators;
// after `gen init` the app is the project's own to edit, so init deletes this test.
describe(`apps/${DEMO} is the generators' output`, () => {
  let ws: string;
  const demoDir = path.join(repoRoot, 'apps', DEMO);
  const twinDir = () => path.join(ws, 'apps', DEMO);

  beforeAll(async () => {
    ws = await makeTwin();
  }, 600_000);

  afterAll(async () => {
    if (ws) await rm(ws, { recursive: true, force: true });
  });

  it('has every file the generators make, each with the same content (package.json: plus the demo-only test dependencies)', async () => {
    const differ: string[] = [];
    for (const rel of await filesUnder(twinDir())) {
      const mine = path.join(demoDir, rel);
      const twin = path.join(twinDir(), rel);
      if (isDemoOnly(rel)) continue;
      if (!existsSync(mine)) differ.push(`${rel} (missing from the demo)`);
      else if (rel === 'package.json') {
        if (!isDeepStrictEqual(await withoutDemoDevDependencies(mine), JSON.parse(await readFile(twin, 'utf8')))) differ.push(rel);
      } else if ((await readFile(mine, 'utf8')) !== (await readFile(twin, 'utf8'))) differ.push(rel);
    }
    expect(differ, `These files of apps/${DEMO} differ from what the generators make (see generators/test/twin-workspace.ts)`).toEqual([]);
  });

  it('has no other file than those and the demo-only list', async () => {
    const twinFiles = new Set(await filesUnder(twinDir()));
    const extra = (await filesUnder(demoDir)).filter((rel) => !twinFiles.has(rel) && !isDemoOnly(rel));
    expect(extra, `Files of apps/${DEMO} no generator makes: generate them, or name them in DEMO_ONLY`).toEqual([]);
  });

  it('keeps the demo-only list honest: every entry exists in the demo', async () => {
    const demoFiles = await filesUnder(demoDir);
    const stale = DEMO_ONLY.filter((entry) => !demoFiles.some((rel) => (entry.endsWith('/') ? rel.startsWith(entry) : rel === entry)));
    expect(stale).toEqual([]);
  });
});
