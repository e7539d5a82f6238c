import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** One app found under the workspace's `apps/` folder. */
export interface WorkspaceApp {
  /** Folder name under `apps/`, used as `--app <name>`. */
  name: string;
  /** The `name` field of the app's package.json. */
  packageName: string;
  /** Absolute path of the app's folder. */
  dir: string;
}

/**
 * Lists the apps of the workspace rooted at `root`: every folder under `apps/` that has a
 * package.json with a name. Sorted by folder name so prompts are stable.
 *
 * @example
 * const apps = await listWorkspaceApps('/path/to/repo'); // [{ name: 'demo-koa', ... }]
 */
export async function listWorkspaceApps(root: string): Promise<WorkspaceApp[]> {
  const appsDir = path.join(root, 'apps');
  const entries = await readdir(appsDir, { withFileTypes: true }).catch(() => []);
  const apps: WorkspaceApp[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(appsDir, entry.name);
    const manifest = await readFile(path.join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (manifest === undefined) continue;
    const parsed: unknown = JSON.parse(manifest);
    if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && typeof parsed.name === 'string') {
      apps.push({ name: entry.name, packageName: parsed.name, dir });
    }
  }
  return apps.sort((a, b) => a.name.localeCompare(b.name));
}
