import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRoutePath } from '../src/index.js';
import { copyWorkspace, gen, repoRoot, sh } from './workspace-copy.js';

const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);

// The demo app is the route generator's test bed; `gen init --drop-demo` removes it.
describe.skipIf(!existsSync(path.join(repoRoot, 'apps', 'demo-koa')))('gen route', () => {
  let ws: string;
  const app = () => path.join(ws, 'apps', 'demo-koa');

  beforeAll(async () => {
    ws = await copyWorkspace();
  }, 60_000);

  it('validates before writing: traversal, reserved and unknown app leave every file untouched', async () => {
    const before = await readFile(path.join(app(), 'src', 'routes', 'generated', 'index.ts'), 'utf8');
    for (const args of [
      ['route', '--app', 'demo-koa', '--path', '/../../etc'],
      ['route', '--app', 'demo-koa', '--path', 'reports'],
      ['route', '--app', 'demo-koa', '--path', '/Reports%2F'],
      ['route', '--app', 'demo-koa', '--path', '/login'],
      ['route', '--app', 'demo-koa', '--path', '/account/x'],
      ['route', '--app', 'missing', '--path', '/reports'],
      ['route', '--app', 'demo-koa', '--path', '/reports', '--role', 'Admins!'],
      ['route', '--app', 'demo-koa', '--pth', '/reports'],
    ]) {
      const result = await gen(ws, args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toMatch(/^gen: /);
    }
    expect(await readFile(path.join(app(), 'src', 'routes', 'generated', 'index.ts'), 'utf8')).toBe(before);
    expect(existsSync(path.join(app(), 'src', 'routes', 'generated', 'reports.ts'))).toBe(false);
  });

  it('--dry-run lists exactly the files and writes nothing', async () => {
    const result = await gen(ws, ['route', '--app', 'demo-koa', '--path', '/reports', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n').slice(1).map((l) => l.trim())).toEqual([
      'create apps/demo-koa/src/routes/generated/reports.ts',
      'create apps/demo-koa/src/views/generated/reports.njk',
      'create apps/demo-koa/test/generated/reports.test.ts',
      'update apps/demo-koa/src/routes/generated/index.ts',
    ]);
    expect(existsSync(path.join(app(), 'src', 'routes', 'generated', 'reports.ts'))).toBe(false);
  });

  it('writes a page route and a JSON route whose tests pass, and the app still typechecks and lints', async () => {
    // (auth-core must be built: generators lists it as a dependency, so turbo builds it first)
    const page = await gen(ws, ['route', '--app', 'demo-koa', '--path', '/reports', '--name', 'Monthly reports']);
    expect(page, page.stderr).toMatchObject({ code: 0 });
    const json = await gen(ws, ['route', '--app', 'demo-koa', '--path', '/api/stats', '--json']);
    expect(json, json.stderr).toMatchObject({ code: 0 });
    const registry = await readFile(path.join(app(), 'src', 'routes', 'generated', 'index.ts'), 'utf8');
    expect(registry.split('\n')[0]).toBe('// generated — do not edit by hand');
    expect(registry).toContain("from './reports.js'");
    expect(registry).toContain("from './api-stats.js'");
    await sh(app(), bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
    await sh(app(), bin('eslint'), ['src/routes/generated', 'test/generated']);
    const out = await sh(app(), bin('vitest'), ['run', 'test/generated', '--reporter=default']);
    // eslint-disable-next-line no-control-regex -- strip the colour codes from vitest's output
    expect(out.replace(/\u001b\[[0-9;]*m/g, '')).toMatch(/Tests\s+8 passed/);
  }, 180_000);

  it('refuses to run twice for the same route, and never overwrites', async () => {
    const again = await gen(ws, ['route', '--app', 'demo-koa', '--path', '/reports']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already (a route|exists)/);
  });

  it('fails loudly when the app does not call the registry', async () => {
    const { writeFile } = await import('node:fs/promises');
    const appTs = path.join(app(), 'src', 'app.ts');
    const source = await readFile(appTs, 'utf8');
    await writeFile(appTs, source.replace('registerGeneratedRoutes(router);', ''));
    const result = await gen(ws, ['route', '--app', 'demo-koa', '--path', '/orphan']);
    await writeFile(appTs, source);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('does not call registerGeneratedRoutes(router)');
  });
});

describe('parseRoutePath', () => {
  it('accepts simple nested paths and refuses everything else', () => {
    expect(parseRoutePath('/reports/monthly-summary')).toEqual({ path: '/reports/monthly-summary', segments: ['reports', 'monthly-summary'] });
    for (const bad of ['', '/', '//evil', '/a/../b', '/a\\b', '/a%2e%2e', '/a/b/c/d/e', '/A', '/a/', '/:id', '/dashboard/x']) {
      expect(() => parseRoutePath(bad), bad).toThrow();
    }
  });
});
