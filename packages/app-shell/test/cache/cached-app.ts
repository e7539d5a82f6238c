/**
 * The app both processes of two-process.http.test.ts run: the shipped sign-in and account pages
 * and a signed-in `/dashboard`, on the SQLite files named by `config`.
 */
import { loginRequired } from '@acme/auth-core/koa';
import { accountMigrations } from '../../src/accounts/index.js';
import { type AppConfig, createWebApp, requireAccounts, type WebApp } from '../../src/app/index.js';
import { accountRoutes, authRoutes } from '../../src/pages/index.js';

/** Builds the app on `config` (its DATABASE_URL names the shared SQLite file). */
export function cachedApp(config: AppConfig): Promise<WebApp> {
  return createWebApp({
    config,
    migrations: accountMigrations,
    routes: (router, services) => {
      const accounts = { ...requireAccounts(services), appName: config.appName };
      authRoutes(router, accounts);
      accountRoutes(router, accounts);
      router.get('/dashboard', loginRequired(), (ctx) => (ctx.body = `signed in as ${ctx.state.user?.id ?? '?'}`));
    },
  });
}
