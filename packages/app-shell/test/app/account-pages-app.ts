/**
 * The app the process fixtures run (dev-server-fixture.ts, the cache's second process, the
 * cluster fixture) and their tests build in-process: the shipped sign-in and account pages and a
 * signed-in `/dashboard` that names the user, on whatever database and store `config` names.
 */
import { loginRequired } from '@acme/auth-core/koa';
import { accountMigrations } from '../../src/accounts/index.js';
import { type AppConfig, createWebApp, requireAccounts, type WebApp } from '../../src/app/index.js';
import { accountRoutes, authRoutes } from '../../src/pages/index.js';

/** Builds the app on `config`, named after `config.appName`. */
export function accountPagesApp(config: AppConfig): Promise<WebApp> {
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
