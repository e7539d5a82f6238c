import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { GeneratorError, parseName, parseScope, planInit, rewritePath, rewriteText, type Renames } from '../src/index.js';

const run = promisify(execFile);

// These run in the template and in every project made from it, so they name no real scope: init
// rewrites the template's own names in this file too. (init.test.ts, which runs init end to end, is
// template-only: init deletes it.)
const renames = (): Renames => ({ scope: ['@initech', '@newco'], name: ['initech', 'widget'], title: ['Initech portal', 'Widget'], app: ['tps-web', 'initech-web'] });

describe('init rewriting', () => {
  it('rewrites whole names only, and a new name containing an old one stays as given', () => {
    expect(rewriteText("import x from '@initech/auth-core';", renames())).toBe("import x from '@newco/auth-core';");
    expect(rewriteText('# Initech portal', renames())).toBe('# Widget');
    expect(rewriteText('`@initech` and @initech-corp/x and initech34 and initech-bench-', renames())).toBe('`@newco` and @initech-corp/x and initech34 and widget-bench-');
    expect(rewriteText('apps/tps-web/src, tps-web:, tps-web2', renames())).toBe('apps/initech-web/src, initech-web:, tps-web2');
    expect(rewritePath('apps/tps-web/src/app.ts', renames())).toBe('apps/initech-web/src/app.ts');
    expect(rewritePath('apps/tps-web-2/x.ts', renames())).toBe('apps/tps-web-2/x.ts');
  });
});

describe('init validation', () => {
  it('accepts npm scopes and names and refuses the rest', () => {
    expect(parseScope(' @new.co ')).toBe('@new.co');
    expect(parseName('billing-app', '--name')).toBe('billing-app');
    for (const bad of ['newco', '@', '@Bad', '@bad scope', '@_x', `@${'a'.repeat(50)}`]) expect(() => parseScope(bad), bad).toThrow();
    for (const bad of ['', 'a', 'Widget', '9lives', 'a--b', 'a-', 'a_b', 'a/b', 'x'.repeat(41)]) expect(() => parseName(bad, '--name'), bad).toThrow();
  });

  it('refuses a workspace without template.json (an initialised project) and writes nothing', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'gen-init-done-'));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    await writeFile(path.join(root, 'package.json'), '{"name":"@newco/workspace","private":true}\n');
    await run('git', ['init', '-q'], { cwd: root });
    const plan = planInit(root, { scope: '@other', name: 'thing' });
    await expect(plan).rejects.toBeInstanceOf(GeneratorError);
    await expect(plan).rejects.toThrow(/already initialised \(template\.json is gone/);
    expect((await readdir(root)).sort()).toEqual(['.git', 'package.json']);
  });

  it('drops the docs with the tests that check them, and names only the dropped parts in its next steps', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'gen-init-drop-'));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    const manifest = { scope: '@initech', name: 'initech', title: 'Initech portal', demoApp: 'tps-web', demo: ['apps/tps-web'], docs: ['site', 'tools/test/site-page.test.ts'], untouched: [], appNameExamples: [], templateOnly: [] };
    await writeFile(path.join(root, 'template.json'), JSON.stringify(manifest));
    await writeFile(path.join(root, 'package.json'), '{"name":"@initech/workspace","private":true}\n');
    for (const dir of ['apps/tps-web', 'site', 'tools/test']) await mkdir(path.join(root, dir), { recursive: true });
    await writeFile(path.join(root, 'apps/tps-web/package.json'), '{"name":"@initech/tps-web"}\n');
    await writeFile(path.join(root, 'site/index.md'), '# Initech portal\n');
    await writeFile(path.join(root, 'tools/test/site-page.test.ts'), '// checks site/index.md\n');
    await run('git', ['init', '-q'], { cwd: root });
    await run('git', ['add', '.'], { cwd: root });
    const plan = await planInit(root, { scope: '@newco', name: 'widget', dropDocs: true });
    expect(plan.removed).toEqual(expect.arrayContaining(['site/index.md', 'tools/test/site-page.test.ts', 'template.json']));
    expect(plan.next.at(-1)).toBe('README.md and CONTRIBUTING.md may still mention site: edit them to match.');
  });

  it('refuses a malformed template.json, naming what it needs', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'gen-init-bad-'));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    await writeFile(path.join(root, 'template.json'), '{"scope":"@initech","name":"initech"}\n');
    await expect(planInit(root, { scope: '@other', name: 'thing' })).rejects.toThrow(/template\.json is malformed: .*templateOnly/);
    await writeFile(path.join(root, 'template.json'), '{"scope":');
    await expect(planInit(root, { scope: '@other', name: 'thing' })).rejects.toThrow(/template\.json is not valid JSON/);
  });
});
