import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const page = readFileSync(path.join(repo, 'docs', 'concepts', 'threat-model.md'), 'utf8');

describe('threat model page', () => {
  const files = [...page.matchAll(/`((?:packages|apps|scripts)\/[^`]+)`/g)].map((m) => m[1] ?? '');

  it('names the code that enforces each group of requirements', () => {
    for (const group of ['PW', 'HASH', 'AUTH', 'SESS', 'CK', 'CSRF', 'RD', 'HDR', 'MISC']) {
      expect(page).toContain(`| SEC-${group}-* |`);
    }
    expect(files.length).toBeGreaterThan(15);
  });

  it.each(files)('points at a file that exists: %s', (file) => {
    expect(existsSync(path.join(repo, file))).toBe(true);
  });

  it('includes SECURITY.md, whose map names only tests that carry the ID', () => {
    expect(page).toContain('<!--@include: ../../SECURITY.md');
    const security = readFileSync(path.join(repo, 'SECURITY.md'), 'utf8');
    for (const row of security.matchAll(/^\| (SEC-[A-Z]+-\d\d) \| (.+) \|$/gm)) {
      const [, id = '', cell = ''] = row;
      for (const [, file = ''] of cell.matchAll(/`([^`]+)`/g)) {
        expect(readFileSync(path.join(repo, file), 'utf8'), `${id} in ${file}`).toContain(id);
      }
    }
  });
});
