import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { copyTemplate, inCopy, repoState } from './template-copy.js';
import { ENTER, genInTerminal } from './terminal.js';
import { gen, repoRoot, sh } from './workspace-copy.js';

const manifestPath = path.join(repoRoot, 'template.json');

// Template-only (template.json's templateOnly): init deletes this file with the manifest, since a
// project runs init once. What stays testable after init is in init-rules.test.ts.
describe('gen init', () => {
  let ws: string;
  let old: { scope: string; name: string; demoApp: string };

  beforeAll(async () => {
    old = JSON.parse(await readFile(manifestPath, 'utf8')) as typeof old;
    ws = await copyTemplate();
  }, 300_000);

  // Each copy holds a full node_modules (about 600 MB).
  afterAll(async () => {
    if (ws) await rm(ws, { recursive: true, force: true });
  });

  it('refuses invalid answers, a dirty tree and missing flags without a terminal, touching nothing', async () => {
    const before = await repoState(ws);
    const cases: [string[], RegExp][] = [
      [['--scope', '@Bad Scope', '--name', 'widget'], /not a valid npm scope/],
      [['--scope', 'newco', '--name', 'widget'], /must start with "@".*did you mean @newco/],
      [['--scope', '@newco', '--name', 'Widget!'], /--name "Widget!" is not valid/],
      [['--scope', '@newco', '--name', 'widget', '--app', 'auth-core'], /taken by another package/],
      [['--scope', '@newco', '--name', 'widget', '--app', 'storefront', '--drop-demo'], /one or the other/],
      [['--scope', '@newco', '--name', 'widget', '--title', '<script>'], /--title/],
      [['--scope', '@newco'], /Missing --name, and no terminal/],
    ];
    for (const [args, message] of cases) {
      const result = await gen(ws, ['init', ...args]);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toMatch(/^gen: /);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    await writeFile(path.join(ws, 'scratch.txt'), 'uncommitted\n');
    const dirty = await gen(ws, ['init', '--scope', '@newco', '--name', 'widget']);
    await rm(path.join(ws, 'scratch.txt'));
    expect(dirty.code).toBe(1);
    expect(dirty.stderr).toMatch(/^gen: The working tree has uncommitted changes/);
    expect(await repoState(ws)).toBe(before);
  });

  it('--dry-run lists every file it would change and writes nothing', async () => {
    const before = await repoState(ws);
    const result = await gen(ws, ['init', '--scope', '@newco', '--name', 'widget', '--dry-run']);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    const lines = result.stdout.trim().split('\n').slice(1).map((l) => l.trim());
    // Every tracked file naming the old scope is listed (the lockfile too), and nothing else moves.
    const naming = (await sh(ws, 'git', ['grep', '-l', '-F', `${old.scope}/`])).trim().split('\n');
    for (const file of naming.filter((f) => f !== 'template.json')) expect(lines).toContain(`update ${file}`);
    expect(lines).toContain('delete template.json');
    const templateOnly = ['delete generators/test/init.test.ts', 'delete generators/test/twin-workspace.ts', 'delete generators/test/twin.test.ts'];
    for (const line of templateOnly) expect(lines).toContain(line);
    expect(lines).toContain('regenerate pnpm-lock.yaml');
    expect(lines.at(-1)).toBe('commit "chore: initialise @newco/widget from the template"');
    expect(lines.filter((l) => /^(move|delete) /.test(l)).sort()).toEqual([...templateOnly, 'delete template.json']);
    expect(await repoState(ws)).toBe(before);

    const parts = await gen(ws, ['init', '--scope', '@newco', '--name', 'widget', '--app', 'storefront', '--drop-docs', '--dry-run']);
    expect(parts, parts.stderr).toMatchObject({ code: 0 });
    expect(parts.stdout).toContain(`move apps/${old.demoApp}/ → apps/storefront/`);
    expect(parts.stdout).toContain('update apps/storefront/package.json');
    expect(parts.stdout).toContain('delete docs/package.json');
    expect(parts.stdout).toContain('update pnpm-workspace.yaml');
    expect(await repoState(ws)).toBe(before);

    // The same answers asked in a terminal: a bad scope is asked again with the reason (naming no
    // flag: none was typed), Enter takes each default.
    const asked = await genInTerminal(ws, ['init', '--dry-run'], [
      { when: /Package scope/, keys: [...'newco', ENTER] },
      { when: /The scope must start with "@"/, keys: ['\u0015', ...'@newco', ENTER] },
      { when: /Project name/, keys: [...'widget', ENTER] },
      { when: /Title for the README/, keys: [ENTER] },
      { when: /Drop the demo app/, keys: [ENTER] },
      { when: /New name for the demo app/, keys: [...'storefront', ENTER] },
      { when: /Drop the docs site/, keys: ['y', ENTER] },
    ]);
    expect(asked.out).not.toContain('--scope');
    expect(asked.code, asked.out).toBe(0);
    expect(asked.out).toContain(`move apps/${old.demoApp}/ → apps/storefront/`);
    expect(asked.out).toContain('delete docs/package.json');
    expect(asked.out).toContain('commit "chore: initialise @newco/widget from the template"');
    expect(await repoState(ws)).toBe(before);
  }, 60_000);

  it("rewrites the workspace in one commit (demo renamed); then it installs, its checks pass and the renamed app's tests pass, none skipped", async () => {
    const result = await gen(ws, ['init', '--scope', '@newco', '--name', 'widget', '--title', 'Widget', '--app', 'storefront']);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('Next:');
    expect(await sh(ws, 'git', ['status', '--porcelain'])).toBe('');
    expect((await sh(ws, 'git', ['log', '--format=%s'])).trim().split('\n')).toEqual(['chore: initialise @newco/widget from the template', 'Start from the template']);
    expect(existsSync(path.join(ws, 'template.json'))).toBe(false);
    expect(existsSync(path.join(ws, 'generators', 'test', 'init.test.ts'))).toBe(false);
    expect(JSON.parse(await readFile(path.join(ws, 'package.json'), 'utf8'))).toMatchObject({ name: '@newco/workspace' });
    expect((await readFile(path.join(ws, 'README.md'), 'utf8')).split('\n')[0]).toBe('# Widget');
    expect(JSON.parse(await readFile(path.join(ws, 'apps', 'storefront', 'package.json'), 'utf8'))).toMatchObject({ name: '@newco/storefront' });
    // No tracked file outside a changelog names the old scope or app (git grep exits 1 on no match).
    // (The libraries keep the app's old name where it is only an example: template.json's appNameExamples.)
    await expect(sh(ws, 'git', ['grep', '-n', '-w', '-F', old.scope, '--', '.', ':!**/CHANGELOG.md'])).rejects.toThrow(/failed/);
    await expect(sh(ws, 'git', ['grep', '-n', '-w', '-F', old.demoApp, '--', '.', ':!packages/**'])).rejects.toThrow(/failed/);

    await inCopy(ws, 'pnpm', ['install', '--offline']);
    // The generators work under the new names: a route generated into the renamed app imports the
    // new scope, and its test runs with the app's below. (gen route builds the app shell and auth-core, whose types its lint reads.)
    await inCopy(ws, 'pnpm', ['--silent', 'gen', 'route', '--app', 'storefront', '--path', '/projects', '--name', 'Projects']);
    expect(await readFile(path.join(ws, 'apps', 'storefront', 'src', 'routes', 'generated', 'projects.ts'), 'utf8')).toContain("from '@newco/auth-core/koa'");
    // The renamed workspace holds together: build, lint and typecheck of everything (every import
    // of the new scope resolves and type-checks), the security map and import rules, and the
    // renamed app's tests, none skipped: its Chromium journeys run the whole stack (app shell,
    // auth-core, stores) under the new names, with the route generated just above. The libraries'
    // own tests do not depend on the package names (they import their own sources), already ran
    // in the template's suite, and running them all again here would double CI's time.
    await inCopy(ws, 'pnpm', ['exec', 'turbo', 'run', 'build', 'lint', 'typecheck', '--concurrency=2']);
    await inCopy(ws, 'pnpm', ['security:check']);
    await inCopy(ws, 'pnpm', ['imports:check']);
    await inCopy(ws, 'pnpm', ['exec', 'turbo', 'run', 'test', '--concurrency=1', '--filter=@newco/storefront']);
    const summary = await inCopy(ws, process.execPath, ['scripts/test-summary.mjs']);
    expect(summary).toMatch(/^tests: [1-9]\d* passed, 0 failed\n$/);
  }, 1_200_000);

  it('--drop-demo --drop-docs leaves a smaller workspace that installs, builds, lints and typechecks', async () => {
    const small = await copyTemplate();
    onTestFinished(() => rm(small, { recursive: true, force: true }));
    const result = await gen(small, ['init', '--scope', '@newco', '--name', 'widget', '--drop-demo', '--drop-docs']);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    for (const folder of [`apps/${old.demoApp}`, 'bench', 'docs']) expect(existsSync(path.join(small, folder)), folder).toBe(false);
    const { scripts } = JSON.parse(await readFile(path.join(small, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start).toBeUndefined();
    expect(Object.values(scripts).join(' ')).not.toMatch(/docs|bench|demo/);
    await expect(sh(small, 'git', ['grep', '-n', '-F', old.scope, '--', '.', ':!**/CHANGELOG.md'])).rejects.toThrow(/failed/);
    await inCopy(small, 'pnpm', ['install', '--offline']);
    // What dropping can break: a dangling workspace entry, script, import or test-map row; and
    // security:check fails if a claimed SEC row was tested only in a dropped part (scripts/security-claims.json).
    await inCopy(small, 'pnpm', ['exec', 'turbo', 'run', 'build', 'lint', 'typecheck', 'security:check', '--concurrency=2']);
  }, 1_200_000);

  it('--drop-demo alone keeps a docs site that builds, and its tests pass, without the demo', async () => {
    const copy = await copyTemplate();
    onTestFinished(() => rm(copy, { recursive: true, force: true }));
    const result = await gen(copy, ['init', '--scope', '@newco', '--name', 'widget', '--drop-demo']);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(existsSync(path.join(copy, 'apps', old.demoApp))).toBe(false);
    expect(existsSync(path.join(copy, 'docs', 'package.json'))).toBe(true);
    await inCopy(copy, 'pnpm', ['install', '--offline']);
    // The docs include code from the workspace: none of it may come from the demo. Every claimed
    // SEC row is still tested without the demo (security:check).
    await inCopy(copy, 'pnpm', ['exec', 'turbo', 'run', 'build', 'lint', 'typecheck', 'security:check', '--concurrency=2']);
    await inCopy(copy, 'pnpm', ['exec', 'turbo', 'run', 'test', '--concurrency=1', '--filter=@newco/docs']);
  }, 1_200_000);

  it('refuses a second run, touching nothing', async () => {
    const before = await repoState(ws);
    const again = await gen(ws, ['init', '--scope', '@other', '--name', 'thing']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^gen: This workspace was already initialised/);
    expect(await repoState(ws)).toBe(before);
  });
});
