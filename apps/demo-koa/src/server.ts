import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

/** Starts the demo: one log line with the URL, graceful shutdown on SIGTERM and SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.generatedKeys) {
    console.warn('SESSION_KEYS is not set: using a random key for this process (sessions end when it restarts).');
  }
  const demo = await createApp(config);
  const server = demo.app.listen(config.port, () => {
    console.log(`demo-koa listening on http://localhost:${config.port}`);
  });
  const shutdown = (signal: string) => {
    console.log(`${signal} received: finishing in-flight requests`);
    server.close(() => {
      demo
        .close()
        .then(() => process.exit(0))
        .catch(() => process.exit(1));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || (error instanceof Error && error.name === 'UnsafeDeploymentError') ? error.message : error);
  process.exit(1);
});
