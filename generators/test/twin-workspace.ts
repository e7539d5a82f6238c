import { existsSync } from 'node:fs';
import { readdir, readFile, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { copyWorkspace, gen, repoRoot } from './workspace-copy.js';

/** The demo app: its folder under apps/ and `--app` name. */
export const DEMO = 'demo-koa';

/**
 * The generator runs that make the demo, in order (`gen auth` makes the dashboard with the route
 * generator; `/admin` shows a role-guarded route). The demo is exactly their output plus
 * {@link DEMO_ONLY}; the twin test re-runs them and diffs. (`--skip-install`: the twin reuses the
 * demo's installed node_modules instead of installing.)
 */
export const DEMO_COMMANDS: readonly (readonly string[])[] = [
  ['app', '--name', DEMO, '--port', '3000', '--skip-install'],
  ['auth', '--app', DEMO],
  ['route', '--app', DEMO, '--path', '/admin', '--name', 'Administration', '--role', 'admin'],
];

/**
 * What the demo has beyond the generators' output, under apps/demo-koa/: folders end in `/`.
 * Keep it short: anything else must come from a generator.
 */
export const DEMO_ONLY: readonly string[] = [
  // The demo's own home page, which explains the template to a learner (an app's views override the shell's and the generated one).
  'src/views/home.njk',
  // Tests of the demo as a whole: its flows, deployment set-ups (PostgreSQL, Redis), a browser journey, resilience under load and crashes.
  'test/acceptance-headers.test.ts',
  'test/anonymous-state.test.ts',
  'test/config-session-store.test.ts',
  'test/demo.ts',
  'test/dev-origins.test.ts',
  'test/e2e/',
  'test/flows.test.ts',
  'test/postgres-redis.test.ts',
  'test/resilience/',
  'test/services.ts',
  'test/usernames.test.ts',
];

/** Development dependencies the demo's own tests add to the generated package.json (drivers they open directly, the browser). */
export const DEMO_DEV_DEPENDENCIES: readonly string[] = ['@types/better-sqlite3', '@types/pg', 'better-sqlite3', 'ioredis', 'pg', 'playwright-core'];

/** Files and folders that are never compared: build output, installed packages, run-time data. */
const IGNORED = new Set(['node_modules', 'dist', 'data', 'test-results', '.turbo']);

/**
 * Makes the demo's twin: a copy of the workspace without apps/demo-koa, in which
 * {@link DEMO_COMMANDS} run. Returns the copy's root; the caller removes it.
 *
 * @example
 * const ws = await makeTwin(); // ws/apps/demo-koa is what the generators make
 */
export async function makeTwin(): Promise<string> {
  const ws = await copyWorkspace();
  await rm(path.join(ws, 'apps', DEMO), { recursive: true, force: true });
  for (const args of DEMO_COMMANDS) {
    const result = await gen(ws, [...args]);
    if (result.code !== 0) throw new Error(`pnpm gen ${args.join(' ')} failed in the twin workspace:\n${result.stdout}\n${result.stderr}`);
    // The new app is not installed (--skip-install): link it to the demo's packages, as copyWorkspace links the others.
    const modules = path.join(ws, 'apps', DEMO, 'node_modules');
    if (!existsSync(modules)) await symlink(path.join(repoRoot, 'apps', DEMO, 'node_modules'), modules, 'dir');
  }
  return ws;
}

/**
 * Every file under `dir`, relative to it with `/` separators, sorted; build output, installed
 * packages and data are left out.
 *
 * @example
 * await filesUnder('/repo/apps/demo-koa'); // ['README.md', 'package.json', 'src/app.ts', …]
 */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((rel) => !rel.split('/').some((part) => IGNORED.has(part)))
    .sort();
}

/** Whether `rel` (a path under the demo) is on the {@link DEMO_ONLY} list. */
export function isDemoOnly(rel: string): boolean {
  return DEMO_ONLY.some((entry) => (entry.endsWith('/') ? rel.startsWith(entry) : rel === entry));
}

/**
 * The demo's package.json as the twin's would read with the demo's extra development
 * dependencies taken out, for comparison with the twin's (parsed: key order aside).
 *
 * @example
 * expect(await withoutDemoDevDependencies(demoManifest)).toEqual(twinManifest);
 */
export async function withoutDemoDevDependencies(file: string): Promise<unknown> {
  const manifest = JSON.parse(await readFile(file, 'utf8')) as { devDependencies?: Record<string, string> };
  const devDependencies = Object.fromEntries(Object.entries(manifest.devDependencies ?? {}).filter(([name]) => !DEMO_DEV_DEPENDENCIES.includes(name)));
  return { ...manifest, devDependencies };
}
