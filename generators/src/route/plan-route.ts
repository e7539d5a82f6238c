import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { GeneratorError } from '../errors.js';
import type { Plan, PlannedFile } from '../plan.js';
import { appDefaultPort, findWorkspaceApp, workspaceScope } from '../workspace.js';
import { registry, routeModule, routeTest, routeView, type RouteTemplateInput } from './templates.js';
import { parseRole, parseRoutePath, slugOf, titleOf } from './validate.js';
import { ACCOUNTS_MARKER } from '../features.js';

/** Answers of `gen route`. */
export interface RouteAnswers {
  app: string;
  path: string;
  name?: string | undefined;
  json?: boolean | undefined;
  /** Require a second factor (`--mfa`). */
  mfa?: boolean | undefined;
  /** Only users with this role may see the route (403 for others). */
  role?: string | undefined;
}

/**
 * The files of one generated route in `appName`: its module, its view (unless it renders an
 * existing one), its test, and the registry rewritten with `existingSlugs` plus this one. `gen
 * route` writes them after its checks; `gen auth` writes the dashboard with them, so the
 * dashboard is a generated route like any other.
 *
 * @example
 * routeFiles('shop', { path: '/reports', slug: 'reports', title: 'Reports', json: false, scope: '@acme' }, []);
 */
export function routeFiles(appName: string, input: RouteTemplateInput, existingSlugs: readonly string[]): PlannedFile[] {
  const rel = (...parts: string[]) => path.posix.join('apps', appName, ...parts);
  const files: PlannedFile[] = [
    { path: rel('src', 'routes', 'generated', `${input.slug}.ts`), content: routeModule(input) },
    { path: rel('test', 'generated', `${input.slug}.test.ts`), content: routeTest(input) },
    { path: rel('src', 'routes', 'generated', 'index.ts'), content: registry([...existingSlugs, input.slug]), replace: true },
  ];
  if (!input.json && input.view === undefined) files.splice(1, 0, { path: rel('src', 'views', 'generated', `${input.slug}.njk`), content: routeView() });
  return files;
}

/**
 * The slugs of the routes already in an app's src/routes/generated/ (`reports` for reports.ts).
 *
 * @example
 * await generatedRouteSlugs('/ws/apps/shop'); // ['dashboard', 'reports']
 */
export async function generatedRouteSlugs(appDir: string): Promise<string[]> {
  return (await readdir(path.join(appDir, 'src', 'routes', 'generated')).catch(() => []))
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .map((f) => f.slice(0, -3));
}

/** The call an app must make once for generated routes to be served. */
export const REGISTRY_CALL = 'registerGeneratedRoutes(';

/**
 * Plans `gen route`: validates every answer against the workspace (the app exists and has the
 * wiring, the path is valid, free and not reserved) and returns the files to write, or throws a
 * {@link GeneratorError} before anything is touched.
 *
 * @example
 * const plan = await planRoute(root, { app: 'demo-koa', path: '/reports' });
 */
export async function planRoute(root: string, answers: RouteAnswers): Promise<Plan> {
  const app = await findWorkspaceApp(root, answers.app);
  const route = parseRoutePath(answers.path);
  const slug = slugOf(route);
  const title = titleOf(route, answers.name);
  const rel = (...parts: string[]) => path.posix.join('apps', app.name, ...parts);

  const appSource = await readFile(path.join(app.dir, 'src', 'app.ts'), 'utf8').catch(() => '');
  if (!appSource.includes(REGISTRY_CALL)) {
    throw new GeneratorError(
      `${rel('src', 'app.ts')} does not call registerGeneratedRoutes(router), so a generated route would never be served. ` +
        `Add \`import { registerGeneratedRoutes } from './routes/generated/index.js';\` and call it after the other routes.`,
    );
  }
  const features = await readFile(path.join(app.dir, 'src', 'features.ts'), 'utf8').catch(() => undefined);
  if (features !== undefined && !features.includes(ACCOUNTS_MARKER)) {
    throw new GeneratorError(`${app.name} has no sign-in yet, so a protected route could never be reached. Run \`pnpm gen auth --app ${app.name}\` first.`);
  }
  if (!existsSync(path.join(app.dir, 'test', 'helpers.ts'))) {
    throw new GeneratorError(`${rel('test', 'helpers.ts')} is missing: generated tests use its testApp, client, register and logIn.`);
  }
  const existingRoutes = await readdir(path.join(app.dir, 'src', 'routes'), { recursive: true }).catch(() => []);
  for (const file of existingRoutes) {
    const source = await readFile(path.join(app.dir, 'src', 'routes', String(file)), 'utf8').catch(() => '');
    if (source.includes(`'${route.path}'`) || source.includes(`"${route.path}"`)) {
      throw new GeneratorError(`${route.path} is already a route of ${app.name} (in src/routes/${String(file)}).`);
    }
  }
  const slugs = await generatedRouteSlugs(app.dir);
  if (slugs.includes(slug)) throw new GeneratorError(`A generated route named "${slug}" already exists in ${app.name}.`);

  const role = answers.role === undefined ? undefined : parseRole(answers.role);
  const input = { path: route.path, slug, title, json: answers.json === true, scope: await workspaceScope(root), role, mfa: answers.mfa === true };
  const files = routeFiles(app.name, input, slugs);
  return {
    files,
    package: app.packageName,
    next: [`Serve it: pnpm --filter ${app.packageName} dev, then open http://localhost:${await appDefaultPort(app.dir)}${route.path}`, `Test it: pnpm --filter ${app.packageName} test`],
  };
}
