// An app as `pnpm gen app` + `pnpm gen auth` lay it out, for the CLI's process tests: the CLI loads
// this config (with this folder's .env files) and these features, as it loads a real app's.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAppConfig, type AppConfig } from '../../../../src/index.js';

/** This fixture's folder. */
export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Reads the fixture's configuration (DATABASE_URL and the session store come from the test). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return readAppConfig(env, { appRoot: APP_ROOT, appName: 'cli-fixture' });
}
