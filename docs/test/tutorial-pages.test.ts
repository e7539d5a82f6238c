import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const docsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tutorialDir = path.join(docsRoot, 'tutorial');
const pages = readdirSync(tutorialDir).filter((name) => name.endsWith('.md'));

/** Every `<<< @/file#region` snippet import of a page, as [file, region]. */
function snippetsOf(page: string): [string, string | undefined][] {
  const text = readFileSync(path.join(tutorialDir, page), 'utf8');
  return [...text.matchAll(/^<<< @\/(\S+?)(?:#([\w-]+))?(?: \[[^\]]+\])?$/gm)].map((m) => [m[1] ?? '', m[2]]);
}

describe('tutorial pages', () => {
  it('has the overview and six steps, each importing real code', () => {
    expect(pages).toContain('index.md');
    expect(pages.filter((name) => /^step-\d-/.test(name))).toHaveLength(6);
    for (const page of pages.filter((name) => /^step-[1-5]-/.test(name))) {
      const step = page.slice(5, 6);
      expect(snippetsOf(page).some(([file]) => file.startsWith(`tutorial/code/step-${step}/`)), page).toBe(true);
    }
  });

  it.each(pages)('%s imports only files and regions that exist', (page) => {
    for (const [file, region] of snippetsOf(page)) {
      const full = path.join(docsRoot, file);
      expect(existsSync(full), `${page}: ${file}`).toBe(true);
      if (region !== undefined) {
        expect(readFileSync(full, 'utf8'), `${page}: ${file}#${region}`).toContain(`// #region ${region}\n`);
      }
    }
  });
});
