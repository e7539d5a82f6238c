import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The template's parts init removes, by path and by package name. */
export interface DroppedParts {
  /** Folders removed whole (`bench`, `apps/demo-koa`) and single files (`docs/guide/performance.md`, a page about the bench; `bench/test/docs-page.test.ts`, which checks that page). */
  paths: string[];
  /** Their package names, e.g. `@acme/bench`. */
  packages: string[];
}

/**
 * Reads the package names of the paths init drops (files, and folders without a package.json, have none).
 *
 * @example
 * await droppedParts(root, ['apps/demo-koa', 'bench']); // { paths: [...], packages: ['@acme/demo-koa', '@acme/bench'] }
 */
export async function droppedParts(root: string, paths: readonly string[]): Promise<DroppedParts> {
  const packages: string[] = [];
  for (const dropped of paths) {
    const manifest = path.join(root, dropped, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name } = JSON.parse(await readFile(manifest, 'utf8')) as { name?: unknown };
    if (typeof name === 'string') packages.push(name);
  }
  return { paths: [...paths], packages };
}

/**
 * The dropped paths a person reads about, for prompts and next steps: the folders and pages, not
 * the tests that go with them (`bench/test/docs-page.test.ts` goes with the docs).
 *
 * @example
 * describedParts(['docs', 'bench/test/docs-page.test.ts']); // ['docs']
 */
export function describedParts(paths: readonly string[]): string[] {
  return paths.filter((p) => !/(^|\/)test\//.test(p));
}

/** True when `file` (repo-relative, `/` separators) is a dropped file or lies in a dropped folder. */
export function isDropped(file: string, parts: DroppedParts): boolean {
  return parts.paths.some((dropped) => file === dropped || file.startsWith(`${dropped}/`));
}

/** The docs site's links to the dropped docs pages: `docs/guide/performance.md` → `/guide/performance`. */
function droppedDocsLinks(parts: DroppedParts): string[] {
  return parts.paths.filter((p) => p.startsWith('docs/') && p.endsWith('.md')).map((p) => p.slice('docs'.length, -'.md'.length));
}

/**
 * Removes what points at the dropped parts from the files that stay: root scripts that filter on
 * a dropped package, dependencies on it, its `pnpm-workspace.yaml` entry, its Vitest project, and
 * the docs sidebar's entries for dropped docs pages.
 * Runs on the template's text, before the names are rewritten. Other files come back unchanged.
 *
 * @example
 * unlinkDropped('pnpm-workspace.yaml', 'packages:\n  - docs\n', parts); // 'packages:\n'
 */
export function unlinkDropped(file: string, text: string, parts: DroppedParts): string {
  if (parts.paths.length === 0) return text;
  if (file.endsWith('package.json')) return unlinkFromManifest(file, text, parts);
  if (file.startsWith('docs/.vitepress/')) {
    return droppedDocsLinks(parts).reduce((acc, link) => acc.replace(new RegExp(`^.*link: '${link}'.*\\n`, 'gm'), ''), text);
  }
  const topLevel = parts.paths.filter((f) => !f.includes('/'));
  if (file === 'pnpm-workspace.yaml') return topLevel.reduce((acc, f) => acc.replace(new RegExp(`^\\s*- ${f}\\n`, 'm'), ''), text);
  if (file === 'vitest.config.ts') return topLevel.reduce((acc, f) => acc.replace(`, '${f}'`, '').replace(`'${f}', `, ''), text);
  return text;
}

function unlinkFromManifest(file: string, text: string, parts: DroppedParts): string {
  const manifest = JSON.parse(text) as Record<string, unknown>;
  let changed = false;
  const sections = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies', ...(file === 'package.json' ? ['scripts'] : [])];
  for (const section of sections) {
    const entries = manifest[section];
    if (typeof entries !== 'object' || entries === null) continue;
    const record = entries as Record<string, string>;
    for (const [key, value] of Object.entries(record)) {
      const refersToDropped = section === 'scripts' ? parts.packages.some((p) => value.includes(`--filter=${p}`) || value.includes(`--filter ${p}`)) : parts.packages.includes(key);
      if (refersToDropped) {
        delete record[key];
        changed = true;
      }
    }
  }
  return changed ? `${JSON.stringify(manifest, null, 2)}\n` : text;
}
