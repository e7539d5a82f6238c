import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './config.js';

/** The files read, in order: a later one wins over an earlier one, and the real environment wins over both. */
export const ENV_FILES = ['.env', '.env.local'] as const;

function readEnvFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  try {
    // Node's own parser (node:util parseEnv, the one behind --env-file): no dependency, and the same syntax Node documents.
    return Object.fromEntries(Object.entries(parseEnv(readFileSync(file, 'utf8'))).filter((entry): entry is [string, string] => entry[1] !== undefined));
  } catch (error) {
    throw new ConfigError(`Could not read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * The environment an app starts with: `<appRoot>/.env`, then `.env.local` over it, then the real
 * environment over both (a variable set in the shell or by the platform always wins). With
 * NODE_ENV=production in the real environment the files are not read at all: production
 * configuration comes from the platform, never from a file someone left in the folder. Returns a
 * new object; `env` is not changed.
 *
 * @example
 * void runServer(() => loadConfig(withEnvFiles(APP_ROOT)), createApp);
 */
export function withEnvFiles(appRoot: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (env.NODE_ENV === 'production') return { ...env };
  const fromFiles = ENV_FILES.reduce<Record<string, string>>((merged, name) => ({ ...merged, ...readEnvFile(path.join(appRoot, name)) }), {});
  return { ...fromFiles, ...env };
}
