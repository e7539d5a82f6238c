import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Migration } from 'kysely';
import type { AppConfig } from '../app/config.js';
import { withEnvFiles } from '../app/env-files.js';
import { CliError } from './cli-error.js';

/** An app as `pnpm users` sees it: its folder, its configuration (its `.env` files and the real environment) and its migrations. */
export interface AppTarget {
  /** The app's folder. */
  dir: string;
  /** The app's config, read the way the app reads it. */
  config: AppConfig;
  /** The app's migrations (the accounts ones, when it has accounts). */
  migrations: Readonly<Record<string, Migration>>;
  /** Whether `pnpm gen auth` gave the app accounts. */
  hasAccounts: boolean;
}

/** The apps of a workspace: folders under apps/ with a package.json. */
function workspaceApps(root: string): string[] {
  const apps = path.join(root, 'apps');
  if (!existsSync(apps)) return [];
  return readdirSync(apps, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(apps, e.name, 'package.json')))
    .map((e) => e.name)
    .sort();
}

/**
 * The app folder `pnpm users` works on: `--app-dir` when given, else `apps/<--app>`, else the only
 * app in the workspace. Throws a {@link CliError} that lists the apps when the choice is unclear.
 *
 * @example
 * resolveAppDir('/ws', { app: 'shop' }); // '/ws/apps/shop'
 */
export function resolveAppDir(root: string, options: { app?: string | undefined; appDir?: string | undefined }): string {
  if (options.appDir !== undefined) return path.resolve(options.appDir);
  const apps = workspaceApps(root);
  if (options.app !== undefined) {
    if (!apps.includes(options.app)) throw new CliError(`Unknown app "${options.app}". Apps in this workspace: ${apps.join(', ') || 'none'}.`);
    return path.join(root, 'apps', options.app);
  }
  if (apps.length === 1 && apps[0] !== undefined) return path.join(root, 'apps', apps[0]);
  throw new CliError(apps.length === 0 ? 'There is no app under apps/ (make one with pnpm gen app).' : `Which app? Add --app with one of: ${apps.join(', ')}.`);
}

/**
 * Loads an app's configuration and migrations from its own modules (`src/config.ts`'s
 * `loadConfig`, `src/features.ts`), with its `.env` and `.env.local` under the real
 * environment, exactly as the app starts: the same database and session store.
 *
 * @example
 * const target = await loadAppTarget('/ws/apps/shop');
 */
export async function loadAppTarget(dir: string): Promise<AppTarget> {
  const configFile = path.join(dir, 'src', 'config.ts');
  const featuresFile = path.join(dir, 'src', 'features.ts');
  if (!existsSync(configFile) || !existsSync(featuresFile)) throw new CliError(`${dir} is not an app made by pnpm gen app (no src/config.ts and src/features.ts).`);
  const configModule = (await import(pathToFileURL(configFile).href)) as { APP_ROOT?: string; loadConfig: (env: NodeJS.ProcessEnv) => AppConfig };
  const features = (await import(pathToFileURL(featuresFile).href)) as { migrations: Readonly<Record<string, Migration>>; hasAccounts: boolean };
  const config = configModule.loadConfig(withEnvFiles(configModule.APP_ROOT ?? dir));
  return { dir, config, migrations: features.migrations, hasAccounts: features.hasAccounts };
}
