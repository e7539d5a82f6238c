import cluster from 'node:cluster';
import path from 'node:path';
import type { AppConfig } from './config.js';
import { parseDataKeys } from '@acme/auth-core';
import { DEV_SESSION_KEY_FILE, developmentDataKey, developmentSessionKey } from './dev-session-key.js';
import { createHttpServer } from './http-server.js';
import { runPrimary } from './cluster-primary.js';
import type { WebApp } from './web-app.js';

/** The errors a person can fix (bad settings, unreachable services): printed as a message, not a stack. */
function isOperatorError(error: unknown): error is Error {
  return error instanceof Error && (error.name === 'ConfigError' || error.name === 'UnsafeDeploymentError');
}

/** What to tell a person whose server could not listen, or undefined for errors they cannot fix by a setting. */
function listenProblem(error: NodeJS.ErrnoException, port: number): string | undefined {
  if (error.code === 'EADDRINUSE') return `Port ${port} is already in use (another app, or another copy of this one?). Stop it, or set PORT to a free port, e.g. PORT=${port + 1}.`;
  if (error.code === 'EACCES') return `Port ${port} needs privileges this process does not have. Set PORT to 1024 or above (a proxy can listen on 80 and 443).`;
  return undefined;
}

/**
 * In development without SESSION_KEYS (or DATA_KEYS), uses the key kept in the app's data folder,
 * so a restart (every save under `pnpm dev`) keeps sessions (and queued mail readable). Production never gets here without
 * SESSION_KEYS: `readAppConfig` refuses first, and the file is never read.
 */
function withDevelopmentKey(config: AppConfig): AppConfig {
  if (config.production) return config;
  const dataDir = path.join(config.appRoot, 'data');
  let result = config;
  if (config.generatedKeys) {
    console.warn(`SESSION_KEYS is not set: signing sessions with the development key in ${path.join(dataDir, DEV_SESSION_KEY_FILE)} (kept across restarts; never used in production).`);
    result = { ...result, sessionKeys: [developmentSessionKey(dataDir)] };
  }
  // Same for DATA_KEYS: mail queued before a restart stays readable after it.
  if (config.generatedDataKeys) result = { ...result, dataKeys: parseDataKeys(developmentDataKey(dataDir)) };
  return result;
}

/**
 * Runs an app as a server: reads the config (in development without SESSION_KEYS, with the key
 * kept in `data/dev-session-key`), builds the app, listens (through
 * {@link createHttpServer}: a request must arrive within 10 s), logs one line with the
 * URL, and on SIGTERM/SIGINT stops accepting connections, finishes in-flight requests, closes
 * the services and exits (forced after 10 s). A configuration error, or a port that is taken,
 * prints what to do (no stack trace) and exits 1. With WEB_CONCURRENCY=N above 1, this process
 * becomes the cluster's primary (`cluster-primary.ts`) and each of the N workers it forks runs the
 * rest of this function.
 *
 * @example
 * void runServer(() => loadConfig(withEnvFiles(APP_ROOT)), createApp);
 */
export async function runServer(loadConfig: () => AppConfig, build: (config: AppConfig) => Promise<WebApp>): Promise<void> {
  try {
    const settings = loadConfig();
    const workers = settings.webConcurrency ?? 1;
    if (workers > 1 && cluster.isPrimary) return await runPrimary(workers, settings.appName, settings.port);
    const config = withDevelopmentKey(settings);
    const web = await build(config);
    const server = createHttpServer(web.app).listen(config.port, () => {
      console.log(`${config.appName} listening on http://localhost:${config.port}`);
      web.services.mail?.worker.start();
      if (web.services.mail?.devMailbox) console.log(`SMTP_URL is not set: mail is kept at http://localhost:${config.port}/dev/mail`);
    });
    server.once('error', (error: NodeJS.ErrnoException) => {
      console.error(listenProblem(error, config.port) ?? error);
      web
        .close()
        .catch(() => undefined)
        .finally(() => process.exit(1));
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
