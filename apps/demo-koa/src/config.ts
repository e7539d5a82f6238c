import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAppConfig, type AppConfig } from '@acme/app-shell';

export { ConfigError, type AppConfig } from '@acme/app-shell';

/** This app's folder (the same from src/ and dist/). */
export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Reads the configuration from `env`: the variables listed in .env.example (PORT, DATABASE_URL,
 * REDIS_URL, SESSION_STORE, SESSION_KEYS, APP_ORIGIN, TRUST_PROXY, NODE_ENV). Nothing is needed
 * in development. src/server.ts passes the real environment over .env and .env.local.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return readAppConfig(env, { appRoot: APP_ROOT, appName: 'demo-koa', defaultPort: 3000 });
}
