import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { GeneratorError } from '../errors.js';

/** The dependencies a new app declares, each with the specifier its package.json gets. */
export type DependencyVersions = Record<'koa' | '@koa/router' | '@types/koa' | '@types/supertest' | 'supertest' | 'tsx', string>;

const NEEDED: readonly (keyof DependencyVersions)[] = ['koa', '@koa/router', '@types/koa', '@types/supertest', 'supertest', 'tsx'];

/** The workspace's default pnpm catalog (`catalog:` in pnpm-workspace.yaml), or an empty one. */
async function readCatalog(root: string): Promise<Record<string, unknown>> {
  const text = await readFile(path.join(root, 'pnpm-workspace.yaml'), 'utf8').catch(() => '');
  let manifest: unknown;
  try {
    manifest = parse(text);
  } catch (error) {
    throw new GeneratorError(`pnpm-workspace.yaml is not valid YAML (${error instanceof Error ? error.message : 'parse error'}); fix it before generating.`);
  }
  const catalog = typeof manifest === 'object' && manifest !== null ? (manifest as { catalog?: unknown }).catalog : undefined;
  return typeof catalog === 'object' && catalog !== null ? (catalog as Record<string, unknown>) : {};
}

/**
 * Reads the workspace's pnpm catalog and returns `catalog:` for each dependency a new app needs,
 * so a generated app uses the versions every package of the workspace is built and tested with
 * (one place to upgrade them). Refuses, before anything is written, when the catalog lacks one.
 *
 * @example
 * const versions = await dependencyVersions(root); // { koa: 'catalog:', … }
 */
export async function dependencyVersions(root: string): Promise<DependencyVersions> {
  const catalog = await readCatalog(root);
  const missing = NEEDED.filter((name) => typeof catalog[name] !== 'string' && typeof catalog[name] !== 'number');
  if (missing.length > 0) {
    throw new GeneratorError(`pnpm-workspace.yaml's catalog has no ${missing.join(', ')}; a new app takes its versions from there (add them, e.g. \`  koa: 3.3.0\`).`);
  }
  return Object.fromEntries(NEEDED.map((name) => [name, 'catalog:'])) as DependencyVersions;
}
