import { existsSync } from 'node:fs';
import path from 'node:path';
import { GeneratorError } from '../errors.js';
import { featuresModule } from '../features.js';
import type { Plan } from '../plan.js';
import { appDefaultPort, freeDefaultPort, listWorkspaceApps, workspaceScope } from '../workspace.js';
import {
  appConfigModule,
  appHomeView,
  appModule,
  appPackageJson,
  appReadme,
  appRegistry,
  appServerModule,
  appTest,
  appTestHelpers,
  appTsconfigs,
  appVitestConfig,
} from './templates.js';
import { declaredVariables, envExample } from './env-example.js';
import { parseAppName, parsePort } from './validate.js';
import { dependencyVersions } from './versions.js';

/** Answers of `gen app`. */
export interface AppAnswers {
  name: string;
  /** The port it serves on when PORT is unset; by default the first one from 3000 no app uses. */
  port?: string | undefined;
}

/** `port`, unless another app of the workspace serves on it by default (then a {@link GeneratorError}). */
async function unusedPort(root: string, port: number): Promise<number> {
  for (const app of await listWorkspaceApps(root)) {
    if ((await appDefaultPort(app.dir)) === port) throw new GeneratorError(`--port ${port} is already the default port of apps/${app.name}; choose another, or leave --port out to take the first free one.`);
  }
  return port;
}

/**
 * Plans `gen app`: validates the name (valid, not reserved, no such folder or package yet) and
 * returns every file of the new app under `apps/<name>/` (serving on `port` when PORT is unset), or throws a {@link GeneratorError}
 * before anything is written.
 *
 * @example
 * const plan = await planApp(root, { name: 'shop' });
 */
export async function planApp(root: string, answers: AppAnswers): Promise<Plan> {
  const name = parseAppName(answers.name);
  for (const dir of ['apps', 'packages']) {
    if (existsSync(path.join(root, dir, name))) throw new GeneratorError(`${dir}/${name} already exists; choose another name.`);
  }
  const scope = await workspaceScope(root);
  const port = answers.port === undefined ? await freeDefaultPort(root) : await unusedPort(root, parsePort(answers.port));
  const input = { name, scope, port, versions: await dependencyVersions(root) };
  const rel = (...parts: string[]) => path.posix.join('apps', name, ...parts);
  const tsconfig = appTsconfigs();
  return {
    files: [
      { path: rel('package.json'), content: appPackageJson(input) },
      { path: rel('README.md'), content: appReadme(input) },
      { path: rel('.env.example'), content: envExample(name, await declaredVariables(root)) },
      { path: rel('tsconfig.json'), content: tsconfig.check },
      { path: rel('tsconfig.build.json'), content: tsconfig.build },
      { path: rel('vitest.config.ts'), content: appVitestConfig(input) },
      { path: rel('src', 'app.ts'), content: appModule(input) },
      { path: rel('src', 'config.ts'), content: appConfigModule(input) },
      { path: rel('src', 'features.ts'), content: featuresModule({ scope, accounts: false }) },
      { path: rel('src', 'server.ts'), content: appServerModule(input) },
      { path: rel('src', 'routes', 'generated', 'index.ts'), content: appRegistry() },
      { path: rel('src', 'views', 'home.njk'), content: appHomeView(input) },
      { path: rel('test', 'helpers.ts'), content: appTestHelpers(input) },
      { path: rel('test', 'app.test.ts'), content: appTest(input) },
    ],
    package: `${scope}/${name}`,
    install: true,
    next: [
      `Run it: pnpm --filter ${scope}/${name} dev, then open http://localhost:${port}`,
      `Add accounts: pnpm gen auth --app ${name}`,
      `Test it: pnpm --filter ${scope}/${name} test`,
    ],
  };
}
