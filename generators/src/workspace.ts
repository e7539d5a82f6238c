import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { GeneratorError } from './errors.js';

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

/**
 * The app named `name` (its folder under `apps/`), or a {@link GeneratorError} that lists the
 * workspace's apps.
 *
 * @example
 * const app = await findWorkspaceApp(root, 'shop'); // { name: 'shop', packageName: '@acme/shop', dir: … }
 */
export async function findWorkspaceApp(root: string, name: string): Promise<WorkspaceApp> {
  const apps = await listWorkspaceApps(root);
  const app = apps.find((a) => a.name === name);
  if (!app) throw new GeneratorError(`Unknown app "${name}". Apps in this workspace: ${apps.map((a) => a.name).join(', ') || 'none'}.`);
  return app;
}

/** The port an app listens on when PORT is unset, as readAppConfig defaults it. */
const DEFAULT_PORT = 3000;

/**
 * The port an app serves on when PORT is not set: the `defaultPort` its `src/config.ts` passes to
 * the app shell's readAppConfig, else readAppConfig's own default, 3000.
 *
 * @example
 * await appDefaultPort('/path/to/repo/apps/shop'); // 3001
 */
export async function appDefaultPort(appDir: string): Promise<number> {
  const config = await readFile(path.join(appDir, 'src', 'config.ts'), 'utf8').catch(() => '');
  const port = /\bdefaultPort:\s*(\d+)/.exec(config)?.[1];
  return port === undefined ? DEFAULT_PORT : Number(port);
}

/**
 * The first port from 3000 up that no app of the workspace uses by default, for a new app: so
 * the demo and every generated app can run side by side without setting PORT.
 *
 * @example
 * await freeDefaultPort('/path/to/repo'); // 3001 when only the demo (3000) exists
 */
export async function freeDefaultPort(root: string): Promise<number> {
  const taken = new Set(await Promise.all((await listWorkspaceApps(root)).map((app) => appDefaultPort(app.dir))));
  let port = DEFAULT_PORT;
  while (taken.has(port)) port += 1;
  return port;
}

/**
 * The workspace's package scope, read at run time from the root package.json name
 * (`@acme/workspace` → `@acme`), so generated code imports `<scope>/auth-core` under whatever
 * scope `pnpm gen init` gave the project.
 *
 * @example
 * await workspaceScope('/path/to/repo'); // '@acme'
 */
export async function workspaceScope(root: string): Promise<string> {
  const text = await readFile(path.join(root, 'package.json'), 'utf8').catch(() => '{}');
  const { name } = JSON.parse(text) as { name?: unknown };
  const scope = typeof name === 'string' ? /^(@[^/]+)\//.exec(name)?.[1] : undefined;
  if (scope === undefined) throw new GeneratorError(`The root package.json has no scoped name (like "@acme/workspace"), so the package scope is unknown.`);
  return scope;
}

/**
 * The workspace root: the nearest folder at or above `from` with a pnpm-workspace.yaml, or a
 * {@link GeneratorError} when there is none.
 *
 * @example
 * findWorkspaceRoot(process.env.INIT_CWD ?? process.cwd()); // '/path/to/repo'
 */
export function findWorkspaceRoot(from: string): string {
  let dir = path.resolve(from);
  while (!existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new GeneratorError('Run this inside the workspace (no pnpm-workspace.yaml found above here).');
    dir = parent;
  }
  return dir;
}
