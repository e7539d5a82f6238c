import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const docsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pages = ['guide', 'concepts'].flatMap((dir) =>
  readdirSync(path.join(docsRoot, dir))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `${dir}/${name}`),
);

/** Every `<<< @/file#region{lang}` snippet import of a page, as [file, region]. */
function snippetsOf(page: string): [string, string | undefined][] {
  const text = readFileSync(path.join(docsRoot, page), 'utf8');
  return [...text.matchAll(/^<<< @\/(\S+?)(?:#([\w-]+))?(?:\{[^}]*\})?(?: \[[^\]]+\])?$/gm)].map((m) => [m[1] ?? '', m[2]]);
}

describe('guide and concept pages', () => {
  it.each(pages)('%s imports only files and regions that exist', (page) => {
    for (const [file, region] of snippetsOf(page)) {
      const full = path.join(docsRoot, file);
      expect(existsSync(full), `${page}: ${file}`).toBe(true);
      if (region !== undefined) expect(readFileSync(full, 'utf8'), `${page}: ${file}#${region}`).toMatch(new RegExp(`// #region ${region}\\n`));
    }
  });
});
