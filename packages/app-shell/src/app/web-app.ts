import path from 'node:path';
import Router from '@koa/router';
import Koa from 'koa';
import { assertSafeForProduction } from '@acme/auth-core';
import { logAppError, securityChain } from '@acme/auth-core/koa';
import { devMailPages } from '../pages/dev-mail.js';
import { errorPages } from '../pages/error-pages.js';
import { pageHelpers } from '../pages/pages.js';
import type { AppConfig } from './config.js';
import { publicFiles } from './public-files.js';
import { webauthnBrowserScript } from './vendor-script.js';
import { createAppServices, type AppServices, type AppServicesOptions } from './services.js';
import { DEFAULT_PUBLIC_DIR, viewEnvironment } from './views.js';


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

/**
 * Builds a Koa app on the template's request flow, without listening, so tests drive it
 * in-process: page helpers (`ctx.render`, `ctx.flash`, on every `ctx`) → error pages → auth-core's
 * `securityChain` (security headers → static files from `<appRoot>/public`, then the shell's
 * stylesheet → no-store → body parser (16 kB) → session → CSRF → load user) → router
 * (`loginRequired` on protected routes) → handler → nunjucks view (`<appRoot>/src/views`, then the
 * shell's default views; autoescaped). Refuses to build on an unsafe production configuration.
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
  // `accounts` tells the layout whether to offer sign-in links.
  const views = viewEnvironment(config.appRoot).addGlobal('accounts', services.users !== undefined);
  const router = new Router();
  options.routes(router, services);
  // Development without SMTP_URL only (in production there is no mailbox, and /dev/mail is a 404).
  const devMail = devMailPages(config.production ? undefined : services.mail?.devMailbox);
  const { users } = services;

  // #region flow
  pageHelpers(app, { render: (view, data) => views.render(view, data), appName: config.appName });
  app.use(errorPages());
  app.use(
    securityChain(app, {
      keys: config.sessionKeys,
      store: services.sessions,
      production: config.production,
      appOrigin: config.appOrigin,
      now: config.now,
      findUser: (id) => (users ? users.findById(id) : Promise.resolve(undefined)),
      publicFiles: [publicFiles(path.join(config.appRoot, 'public'), { maxage: 3_600_000 }), publicFiles(DEFAULT_PUBLIC_DIR, { maxage: 3_600_000 }), webauthnBrowserScript()],
    }),
  );
  app.use(devMail);
  app.use(router.routes());
  app.use(router.allowedMethods());
  // #endregion flow
  return { app, router, services, close: () => services.close() };
}
