import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sidebar } from '../.vitepress/config.js';

const docsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Maps a VitePress link such as `/guide/x` or `/` to the markdown file that serves it. */
function pageFile(link: string): string {
  const clean = link.replace(/#.*$/, '');
  const rel = clean.endsWith('/') ? `${clean}index.md` : `${clean}.md`;
  return path.join(docsRoot, rel);
}

describe('docs sidebar', () => {
  const links = sidebar.flatMap((group) => group.items.map((item) => item.link));

  it('has at least one page', () => {
    expect(links.length).toBeGreaterThan(0);
  });

  it.each(links)('links to an existing page: %s', (link) => {
    expect(existsSync(pageFile(link)), `${link} → ${pageFile(link)}`).toBe(true);
  });
});
