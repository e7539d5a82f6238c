import path from 'node:path';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import { assertSafeForProduction, createSession, csrfProtection, loadUser, noStore, securityHeaders } from '@acme/auth-core/koa';
import Koa from 'koa';
import serve from 'koa-static';
import { APP_ROOT, type AppConfig } from './config.js';
import { errorHandler } from './middleware/errors.js';
import { createViewEnvironment, views } from './middleware/views.js';
import { accountRoutes } from './routes/account.js';
import { authRoutes } from './routes/auth.js';
import { registerGeneratedRoutes } from './routes/generated/index.js';
import { publicRoutes } from './routes/public.js';
import { createServices, type Services } from './services.js';

/** The demo app and what tests and the server need to reach. */
export interface DemoApp {
  app: Koa;
  router: Router;
  services: Services;
  /** Closes the database, session store and Redis. */
  close(): Promise<void>;
}

/** Paths anyone may visit; everything else needs a signed-in user. */
export const PUBLIC_PATHS = ['/', '/login', '/register', '/logout', '/healthz'] as const;

/**
 * Builds the demo application without listening, so tests can drive it in-process. The request
 * flow, one small step each: errors → security headers → static files → no-store → body parser
 * (16 kB) → session → CSRF → load user → views → router (loginRequired on protected routes).
 * Refuses to build on an unsafe production configuration.
 *
 * @example
 * const { app } = await createApp(loadConfig());
 * app.listen(3000);
 */
export async function createApp(config: AppConfig): Promise<DemoApp> {
  const services = await createServices(config);
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
  const viewEnv = createViewEnvironment();
  const router = new Router();
  publicRoutes(router, services);
  authRoutes(router, services, config.appName);
  accountRoutes(router, services, config.appName);
  registerGeneratedRoutes(router);

  // #region flow
  app.use(errorHandler());
  app.use(securityHeaders({ upgradeInsecureRequests: config.production }));
  app.use(views(viewEnv, config.appName));
  app.use(serve(path.join(APP_ROOT, 'public'), { maxage: 3_600_000 }));
  app.use(noStore());
  app.use(bodyParser({ enableTypes: ['form', 'json'], formLimit: '16kb', jsonLimit: '16kb', encoding: 'utf-8' }));
  app.use(createSession(app, { store: services.sessions, keys: config.sessionKeys, production: config.production, now: config.now }));
  app.use(csrfProtection({ allowedOrigins: [config.appOrigin] }));
  app.use(loadUser({ findUser: (id) => services.users.findById(id) }));
  app.use(router.routes());
  app.use(router.allowedMethods());
  // #endregion flow
  return { app, router, services, close: () => services.close() };
}
