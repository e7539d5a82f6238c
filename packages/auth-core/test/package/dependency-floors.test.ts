import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const PACKAGE_ROOT = path.join(import.meta.dirname, '..', '..');

/** The installed version of one of auth-core's dependencies (pnpm links each under the package). */
function installedVersion(pkg: string): string {
  return (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Whether semver `v` is at or above `floor` (major.minor.patch). */
function atLeast(v: string, floor: string): boolean {
  const a = v.split('.').map(Number);
  const b = floor.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

describe('dependency floors', () => {
  it('SEC-MISC-04 of the library: koa ≥ 3.1.2, koa-session ≥ 6.4.0, scrypt-kdf ≥ 4.0.0', () => {
    // nunjucks is the app shell's (it renders), and its own test checks it.
    expect(atLeast(installedVersion('koa'), '3.1.2')).toBe(true);
    expect(atLeast(installedVersion('koa-session'), '6.4.0')).toBe(true);
    expect(atLeast(installedVersion('scrypt-kdf'), '4.0.0')).toBe(true);
  });

  it('compares versions numerically, not as text', () => {
    expect(atLeast('3.10.0', '3.9.9')).toBe(true);
    expect(atLeast('3.1.1', '3.1.2')).toBe(false);
  });
});
