import type Router from '@koa/router';
import { accountRoutes, authRoutes, requireAccounts, type AppServices } from '@acme/app-shell';

/**
 * Sign-up, sign-in, logout and the account pages (made by `pnpm gen auth`; yours to edit). The
 * handlers and their views live in the app shell; add a view of the same name under src/views
 * (login.njk, register.njk, dashboard.njk, …) to change one. The dashboard, where sign-in lands,
 * is a generated route: src/routes/generated/dashboard.ts.
 */
export function registerAuthPages(router: Router, services: AppServices, appName: string): void {
  const accounts = requireAccounts(services);
  authRoutes(router, { ...accounts, appName });
  accountRoutes(router, { ...accounts, appName });
}
