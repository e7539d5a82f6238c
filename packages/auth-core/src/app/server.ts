import type { AppConfig } from './config.js';
import type { WebApp } from './web-app.js';

/** The errors a person can fix (bad settings, unreachable services): printed as a message, not a stack. */
function isOperatorError(error: unknown): error is Error {
  return error instanceof Error && (error.name === 'ConfigError' || error.name === 'UnsafeDeploymentError');
}

/**
 * Runs an app as a server: reads the config, builds the app, listens, logs one line with the
 * URL, and on SIGTERM/SIGINT stops accepting connections, finishes in-flight requests, closes
 * the services and exits (forced after 10 s). A configuration error prints its message and exits 1.
 *
 * @example
 * void runServer(() => loadConfig(), (config) => createApp(config));
 */
export async function runServer(loadConfig: () => AppConfig, build: (config: AppConfig) => Promise<WebApp>): Promise<void> {
  try {
    const config = loadConfig();
    if (config.generatedKeys) console.warn('SESSION_KEYS is not set: using a random key for this process (sessions end when it restarts).');
    const web = await build(config);
    const server = web.app.listen(config.port, () => {
      console.log(`${config.appName} listening on http://localhost:${config.port}`);
    });
    const shutdown = (signal: string) => {
      console.log(`${signal} received: finishing in-flight requests`);
      server.close(() => {
        web
          .close()
          .then(() => process.exit(0))
          .catch(() => process.exit(1));
      });
      server.closeIdleConnections();
      setTimeout(() => process.exit(1), 10_000).unref();
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  } catch (error) {
    console.error(isOperatorError(error) ? error.message : error);
    process.exit(1);
  }
}
