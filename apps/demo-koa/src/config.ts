import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAppConfig, type AppConfig } from '@acme/app-shell';

export { ConfigError, redactUrl, type AppConfig } from '@acme/app-shell';

/** The demo app's folder (the same from src/ and dist/). */
export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Reads the demo's configuration from `env` (by default `process.env`). Development works with
 * no variables at all: SQLite at apps/demo-koa/data/demo.db, sessions in SQLite, a random
 * signing key. The variables are listed in docs/guide/demo-app.md.
 *
 * @example
 * const config = loadConfig({ PORT: '8080' });
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return readAppConfig(env, { appRoot: APP_ROOT, appName: 'demo-koa', databaseFile: 'demo.db' });
}
