import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importProblem, importViolations, workspacePackages } from '../../scripts/import-rules.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const packages = workspacePackages(root);
const scope = packages.find((p) => p.folder === 'packages/auth-core')?.name.split('/')[0] ?? '';

describe('import rules (scripts/import-rules.mjs, shown on the Architecture page)', () => {
  it('holds in the workspace as it is', () => {
    expect(importViolations(root)).toEqual([]);
  });

  it('catches planted violations: the library importing the shell, the shell an app, a ../ across packages, a file inside a package', () => {
    const app = packages.find((p) => p.part === 'apps/*');
    expect(importProblem(root, 'packages/auth-core/src/koa/x.ts', `${scope}/app-shell`, packages)).toMatch(/packages\/auth-core may not import packages\/app-shell/);
    if (app) expect(importProblem(root, 'packages/app-shell/src/x.ts', app.name, packages)).toMatch(/packages\/app-shell may not import apps\/\*/);
    expect(importProblem(root, 'packages/app-shell/src/pages/x.ts', '../../../auth-core/src/koa/login.js', packages)).toMatch(/leaves packages\/app-shell/);
    expect(importProblem(root, 'docs/test/x.ts', `${scope}/auth-core/src/koa/login.js`, packages)).toMatch(/is not a public entry/);
    expect(importProblem(root, 'packages/auth-core/src/koa/x.ts', `${scope}/auth-core/koa`, packages)).toBeUndefined();
    expect(importProblem(root, 'packages/app-shell/src/pages/x.ts', '../accounts/schema.js', packages)).toBeUndefined();
    expect(importProblem(root, 'packages/app-shell/src/pages/x.ts', `${scope}/auth-core/koa`, packages)).toBeUndefined();
  });
});
