import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GeneratorError } from '../errors.js';

/** The dependency versions a new app pins: the ones auth-core itself is built and tested with. */
export type DependencyVersions = Record<'koa' | '@koa/router' | '@types/koa' | '@types/supertest' | 'supertest' | 'tsx', string>;

/**
 * Reads the versions a new app should pin from packages/auth-core/package.json, so a generated
 * app always matches the lockfile's copies instead of a list here going stale.
 *
 * @example
 * const versions = await dependencyVersions(root); // { koa: '3.3.0', … }
 */
export async function dependencyVersions(root: string): Promise<DependencyVersions> {
  const file = path.join(root, 'packages', 'auth-core', 'package.json');
  const manifest = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<string, Record<string, string> | undefined>;
  const all = { ...manifest.peerDependencies, ...manifest.dependencies, ...manifest.devDependencies };
  const pick = (name: keyof DependencyVersions) => {
    const version = all[name];
    if (version === undefined) throw new GeneratorError(`packages/auth-core/package.json does not list ${name}; a new app takes its version from there.`);
    return version;
  };
  return {
    koa: pick('koa'),
    '@koa/router': pick('@koa/router'),
    '@types/koa': pick('@types/koa'),
    '@types/supertest': pick('@types/supertest'),
    supertest: pick('supertest'),
    tsx: pick('tsx'),
  };
}
