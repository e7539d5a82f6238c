import type Router from '@koa/router';
import { accountRoutes, authRoutes, requireAccounts, type AppServices } from '@acme/app-shell';
import { loginRequired } from '@acme/auth-core/koa';

/**
 * Sign-up, sign-in, logout, the dashboard and the account pages (made by `pnpm gen auth`; yours
 * to edit). The handlers and their views live in the app shell; add a view of the same name under
 * src/views (login.njk, register.njk, dashboard.njk, …) to change one.
 */
export function registerAuthPages(router: Router, services: AppServices, appName: string): void {
  const accounts = requireAccounts(services);
  authRoutes(router, { ...accounts, appName });
  router.get('/dashboard', loginRequired(), (ctx) => ctx.render('dashboard.njk'));
  accountRoutes(router, { ...accounts, appName });
}
