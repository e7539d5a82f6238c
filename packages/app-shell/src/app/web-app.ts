import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Router from '@koa/router';
import Koa from 'koa';
import nunjucks from 'nunjucks';
import { logAppError } from '../koa/app-errors.js';
import { csrfProtection } from '../koa/csrf.js';
import { assertSafeForProduction } from '../koa/deployment-check.js';
import { errorPages } from '../koa/error-pages.js';
import { noStore, securityHeaders } from '../koa/headers.js';
import { pages } from '../koa/pages.js';
import { requestBody } from '../koa/request-body.js';
import { createSession } from '../session/create-session.js';
import { loadUser } from '../session/load-user.js';
import type { AppConfig } from './config.js';
import { publicFiles } from './public-files.js';
import { createAppServices, type AppServices, type AppServicesOptions } from './services.js';

/** An app built by {@link createWebApp}, not yet listening. */
export interface WebApp<S extends AppServices = AppServices> {
  /** The Koa application (`app.listen(port)`, or `app.callback()` for tests). */
  app: Koa;
  /** The app's router, with every route registered. */
  router: Router;
  /** The services the routes use. */
  services: S;
  /** Closes the database, session store and Redis. */
  close(): Promise<void>;
}

/** Options of {@link createWebApp}. */
export interface WebAppOptions extends AppServicesOptions {
  /** From `readAppConfig`. */
  config: AppConfig;
  /** Registers the app's routes (guard the private ones with `loginRequired()`). */
  routes: (router: Router, services: AppServices) => void;
}

/** auth-core's own folder (the same from src/ and dist/): its default views and stylesheet live there. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** auth-core's default views (layout, error, sign-in, sign-up, account pages): an app overrides one by adding a file of the same name. */
export const DEFAULT_VIEWS_DIR = path.join(PACKAGE_ROOT, 'views');

/** auth-core's default public files (the stylesheet), served after the app's own. */
export const DEFAULT_PUBLIC_DIR = path.join(PACKAGE_ROOT, 'public');

/**
 * The nunjucks environment: the app's views under `<appRoot>/src/views` first, then auth-core's
 * defaults; autoescape always on. `accounts` tells the layout whether to offer sign-in links.
 */
function viewEnvironment(appRoot: string, accounts: boolean): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([path.join(appRoot, 'src', 'views'), DEFAULT_VIEWS_DIR]);
  return new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false }).addGlobal('accounts', accounts);
}

/**
 * Builds a Koa app on the template's request flow, without listening, so tests drive it
 * in-process. One small step each: error pages → security headers → page helpers → static files
 * (`<appRoot>/public`, then auth-core's stylesheet) → no-store → body parser (16 kB) → session → CSRF → load user → router
 * (`loginRequired` on protected routes) → handler → nunjucks view (`<appRoot>/src/views`, then
 * auth-core's default views; autoescaped). Refuses to build on an unsafe production configuration.
 *
 * @example
 * const { app } = await createWebApp({ config, migrations: accountMigrations, routes: (router, services) => authRoutes(router, …) });
 * app.listen(config.port);
 */
export async function createWebApp(options: WebAppOptions): Promise<WebApp> {
  const { config } = options;
  const services = await createAppServices(config, options);
  try {
    assertSafeForProduction({
      production: config.production,
      keys: config.sessionKeys,
      secure: config.production,
      cookieName: config.production ? '__Host-sid' : 'sid',
      store: services.sessions,
      scrypt: config.scrypt,
      trustProxy: config.trustProxy > 0,
      appOrigin: config.appOrigin,
    });
  } catch (error) {
    await services.close();
    throw error;
  }
  const app = new Koa({ proxy: config.trustProxy > 0, maxIpsCount: config.trustProxy });
  app.on('error', logAppError);
  const views = viewEnvironment(config.appRoot, services.users !== undefined);
  const router = new Router();
  options.routes(router, services);
  const { users } = services;

  // #region flow
  app.use(errorPages());
  app.use(securityHeaders({ upgradeInsecureRequests: config.production }));
  app.use(pages({ render: (view, data) => views.render(view, data), appName: config.appName }));
  app.use(publicFiles(path.join(config.appRoot, 'public'), { maxage: 3_600_000 }));
  app.use(publicFiles(DEFAULT_PUBLIC_DIR, { maxage: 3_600_000 }));
  app.use(noStore());
  app.use(requestBody({ limit: '16kb' }));
  app.use(createSession(app, { store: services.sessions, keys: config.sessionKeys, production: config.production, now: config.now }));
  app.use(csrfProtection({ allowedOrigins: [config.appOrigin], keys: config.sessionKeys, secure: config.production, loopbackAliases: !config.production }));
  app.use(loadUser({ findUser: (id) => (users ? users.findById(id) : Promise.resolve(undefined)) }));
  app.use(router.routes());
  app.use(router.allowedMethods());
  // #endregion flow
  return { app, router, services, close: () => services.close() };
}
