import type Router from '@koa/router';
import {
  createWebApp,
  healthRoute,
  type AppConfig,
  type AppServices,
  type WebApp,
} from '@acme/app-shell';
import { migrations, registerFeatureRoutes } from './features.js';
import { registerGeneratedRoutes } from './routes/generated/index.js';

/** The app's routes. Guard private ones with `loginRequired()` from auth-core. */
function routes(router: Router, services: AppServices, appName: string): void {
  router.get('/', (ctx) => ctx.render('home.njk'));
  healthRoute(router, services.probes);
  registerFeatureRoutes(router, services, appName);
  registerGeneratedRoutes(router);
}

/**
 * Builds the app without listening (tests drive it in-process): sessions, CSRF, security
 * headers come from auth-core's security chain, error pages from the app shell. Refuses an unsafe
 * production config.
 */
export async function createApp(config: AppConfig): Promise<WebApp> {
  return createWebApp({
    config,
    migrations,
    routes: (router, services) => routes(router, services, config.appName),
  });
}
