/**
 * The assembled stack: configuration from the environment, services, auth-core's security chain
 * with error pages, views and public files around it, and a server with graceful shutdown.
 */
export { ConfigError, readAppConfig, redactUrl, type AppConfig, type AppIdentity, type SessionStoreKind } from './config.js';
export { createHttpServer, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, TIMEOUT_CHECK_INTERVAL_MS, type HttpServerOptions } from './http-server.js';
export { publicFiles, type PublicFilesOptions } from './public-files.js';
export { runServer } from './server.js';
export { createAppServices, requireAccounts, type AccountServices, type AppMail, type AppServices, type AppServicesOptions } from './services.js';
export { createWebApp, type WebApp, type WebAppOptions } from './web-app.js';
export { DEFAULT_PUBLIC_DIR, DEFAULT_VIEWS_DIR, viewEnvironment } from './views.js';
export { DEV_DATA_KEY_FILE, DEV_SESSION_KEY_FILE, developmentDataKey, developmentSessionKey } from './dev-session-key.js';
export { ENV_FILES, withEnvFiles } from './env-files.js';
export { ENV_VARIABLES, type EnvVariable } from './env-variables.js';
