import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The template's parts init removes, by folder and by package name. */
export interface DroppedParts {
  /** Top-level or `apps/` folders removed whole, e.g. `bench`, `apps/demo-koa`. */
  folders: string[];
  /** Their package names, e.g. `@acme/bench`. */
  packages: string[];
}

/**
 * Reads the package names of the folders init drops (folders without a package.json have none).
 *
 * @example
 * await droppedParts(root, ['apps/demo-koa', 'bench']); // { folders: [...], packages: ['@acme/demo-koa', '@acme/bench'] }
 */
export async function droppedParts(root: string, folders: readonly string[]): Promise<DroppedParts> {
  const packages: string[] = [];
  for (const folder of folders) {
    const manifest = path.join(root, folder, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name } = JSON.parse(await readFile(manifest, 'utf8')) as { name?: unknown };
    if (typeof name === 'string') packages.push(name);
  }
  return { folders: [...folders], packages };
}

/** True when `file` (repo-relative, `/` separators) lies in one of the dropped folders. */
export function isDropped(file: string, parts: DroppedParts): boolean {
  return parts.folders.some((folder) => file === folder || file.startsWith(`${folder}/`));
}

/**
 * Removes what points at the dropped parts from the files that stay: root scripts that filter on
 * a dropped package, dependencies on it, its `pnpm-workspace.yaml` entry and its Vitest project.
 * Runs on the template's text, before the names are rewritten. Other files come back unchanged.
 *
 * @example
 * unlinkDropped('pnpm-workspace.yaml', 'packages:\n  - docs\n', parts); // 'packages:\n'
 */
export function unlinkDropped(file: string, text: string, parts: DroppedParts): string {
  if (parts.folders.length === 0) return text;
  if (file.endsWith('package.json')) return unlinkFromManifest(file, text, parts);
  const topLevel = parts.folders.filter((f) => !f.includes('/'));
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
