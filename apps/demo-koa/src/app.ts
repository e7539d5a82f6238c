import type Router from '@koa/router';
import { loginRequired } from '@acme/auth-core/koa';
import {
  accountMigrations,
  accountRoutes,
  authRoutes,
  createWebApp,
  healthRoute,
  requireAccounts,
  type AccountServices,
  type AppConfig,
  type WebApp,
} from '@acme/app-shell';
import { registerGeneratedRoutes } from './routes/generated/index.js';

/** The demo app and what tests and the server need to reach. */
export type DemoApp = WebApp<AccountServices>;

/** Paths anyone may visit; everything else needs a signed-in user. */
export const PUBLIC_PATHS = ['/', '/login', '/register', '/logout', '/healthz'] as const;

/** The demo's pages: the auth and account pages from the app shell, plus home, dashboard and generated routes. */
function routes(router: Router, services: AccountServices, appName: string): void {
  router.get('/', (ctx) => ctx.render('home.njk'));
  healthRoute(router, services.probes);
  authRoutes(router, { ...services, appName });
  router.get('/dashboard', loginRequired(), (ctx) => ctx.render('dashboard.njk'));
  accountRoutes(router, { ...services, appName });
  registerGeneratedRoutes(router);
}

/**
 * Builds the demo application without listening, so tests can drive it in-process: user
 * accounts (SQLite or PostgreSQL) on the template's request flow (see `createWebApp` in
 * `@acme/app-shell`). Refuses to build on an unsafe production configuration.
 *
 * @example
 * const { app } = await createApp(loadConfig());
 * app.listen(3000);
 */
export async function createApp(config: AppConfig): Promise<DemoApp> {
  const web = await createWebApp({
    config,
    migrations: accountMigrations,
    routes: (router, services) => routes(router, requireAccounts(services), config.appName),
  });
  return { ...web, services: requireAccounts(web.services) };
}
