/**
 * `@acme/auth-core/app`: the assembled stack every app in the workspace shares (the demo and the
 * apps `pnpm gen app` makes): configuration from the environment, services, the Koa request flow
 * and a server with graceful shutdown. Apps supply their routes and views.
 */
export { ConfigError, readAppConfig, redactUrl, type AppConfig, type AppIdentity, type SessionStoreKind } from './config.js';
export { createHttpServer, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, TIMEOUT_CHECK_INTERVAL_MS, type HttpServerOptions } from './http-server.js';
export { runServer } from './server.js';
export { createAppServices, requireAccounts, type AccountServices, type AppServices, type AppServicesOptions } from './services.js';
export { createWebApp, DEFAULT_PUBLIC_DIR, DEFAULT_VIEWS_DIR, type WebApp, type WebAppOptions } from './web-app.js';
