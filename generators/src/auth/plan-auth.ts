import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GeneratorError } from '../errors.js';
import { ACCOUNTS_MARKER, featuresModule } from '../features.js';
import { GENERATED_MARKER, type Plan } from '../plan.js';
import { appDefaultPort, findWorkspaceApp, workspaceScope } from '../workspace.js';
import { authRoutesModule, authTest } from './templates.js';
import { generatedRouteSlugs, routeFiles } from '../route/plan-route.js';

/** Answers of `gen auth`. */
export interface AuthAnswers {
  app: string;
}

/**
 * Plans `gen auth`: checks the app exists, was made by `gen app` (its generated
 * `src/features.ts`) and has no accounts yet; returns the files that add the users table
 * migration, the sign-up/sign-in/logout/account pages and their tests, and the dashboard as a
 * generated route (`src/routes/generated/dashboard.ts`; the views are the app
 * shell's defaults: an app overrides one by adding a file of the same name), or throws a
 * {@link GeneratorError} before anything is written.
 *
 * @example
 * const plan = await planAuth(root, { app: 'shop' });
 */
export async function planAuth(root: string, answers: AuthAnswers): Promise<Plan> {
  const app = await findWorkspaceApp(root, answers.app);
  const rel = (...parts: string[]) => path.posix.join('apps', app.name, ...parts);
  const features = await readFile(path.join(app.dir, 'src', 'features.ts'), 'utf8').catch(() => undefined);
  if (features === undefined) {
    throw new GeneratorError(`${rel('src', 'features.ts')} is missing: gen auth adds accounts to apps made by \`pnpm gen app\` (it switches them on there). ${app.name} was not made that way; see how demo-koa wires authRoutes and accountRoutes.`);
  }
  if (features.split('\n', 1)[0] !== GENERATED_MARKER) throw new GeneratorError(`${rel('src', 'features.ts')} was edited by hand (its first line is not "${GENERATED_MARKER}"); refusing to rewrite it.`);
  if (features.includes(ACCOUNTS_MARKER)) throw new GeneratorError(`${app.name} already has accounts (${rel('src', 'features.ts')} says so); nothing to add.`);
  const scope = await workspaceScope(root);
  return {
    files: [
      { path: rel('src', 'features.ts'), content: featuresModule({ scope, accounts: true }), replace: true },
      { path: rel('src', 'routes', 'auth.ts'), content: authRoutesModule({ scope }) },
      { path: rel('test', 'auth.test.ts'), content: authTest() },
      // The dashboard (where sign-in lands) is a protected route made by the route generator, rendering the shell's dashboard view.
      ...routeFiles(app.name, { path: '/dashboard', slug: 'dashboard', title: 'Dashboard', json: false, scope, view: 'dashboard.njk', madeBy: 'pnpm gen auth' }, await generatedRouteSlugs(app.dir)),
    ],
    package: app.packageName,
    next: [
      `Try it: pnpm --filter ${app.packageName} dev, then open http://localhost:${await appDefaultPort(app.dir)}/register`,
      `Add a protected page: pnpm gen route --app ${app.name} --path /reports`,
      `Test it: pnpm --filter ${app.packageName} test`,
    ],
  };
}
