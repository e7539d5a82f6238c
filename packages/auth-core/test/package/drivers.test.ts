import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Database, cache and template drivers: the library's main entry and its Koa adapter load none. */
const DRIVERS = ['better-sqlite3', 'ioredis', 'pg', 'kysely', 'nunjucks', 'koa-static'];
const SRC = path.join(import.meta.dirname, '..', '..', 'src');
const manifest = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

/**
 * The packages a module loads at run time, through every relative import it makes. Each file is
 * compiled the way tsc compiles it (verbatimModuleSyntax: only `import type` disappears), so a
 * type-only import of a driver is allowed and anything that survives compilation is counted.
 */
function runtimePackages(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const js = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023, verbatimModuleSyntax: true },
    }).outputText;
    for (const match of js.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)) {
      const specifier = match[1] ?? '';
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
      else if (!specifier.startsWith('node:')) packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier));
    }
  };
  visit(entry);
  return packages;
}

describe('auth-core loads no driver unless asked', () => {
  it.each(['index.ts', 'koa/index.ts'])('the import graph of src/%s names no database, cache or template driver', (entry) => {
    const file = path.join(SRC, entry);
    expect(existsSync(file)).toBe(true);
    const loaded = runtimePackages(file);
    expect(loaded.size).toBeGreaterThan(0);
    for (const driver of DRIVERS) expect([...loaded], `${entry} loads ${driver}`).not.toContain(driver);
  });

  it('the walk sees a driver where there is one: the SQLite and Redis store subpaths', () => {
    expect(runtimePackages(path.join(SRC, 'stores', 'sqlite.ts'))).toContain('better-sqlite3');
    expect(runtimePackages(path.join(SRC, 'stores', 'redis.ts'))).toContain('ioredis');
  });

  it('package.json lists no driver in dependencies; the store drivers are optional peers', () => {
    const dependencies = Object.keys(manifest.dependencies ?? {});
    for (const driver of DRIVERS) expect(dependencies, driver).not.toContain(driver);
    for (const driver of ['better-sqlite3', 'ioredis']) {
      expect(manifest.peerDependencies?.[driver], driver).toBeDefined();
      expect(manifest.peerDependenciesMeta?.[driver]?.optional, driver).toBe(true);
    }
  });
});
