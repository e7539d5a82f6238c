/** Configuration read from the environment, validated once at start. */
export interface AppConfig {
  /** TCP port the server listens on. */
  port: number;
}

/** Thrown when an environment variable has a value the app cannot use. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the app's configuration from `env` (by default `process.env`).
 *
 * @example
 * const config = loadConfig({ PORT: '8080' }); // { port: 8080 }
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const rawPort = env.PORT ?? '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port < 1 || port > 65_535) {
    throw new ConfigError(`PORT must be a whole number from 1 to 65535, got "${rawPort}".`);
  }
  return { port };
}
