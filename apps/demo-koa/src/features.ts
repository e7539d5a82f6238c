// generated — do not edit by hand
// `pnpm gen app` wrote this file and `pnpm gen auth` rewrites it: it says what the app has.
import { accountMigrations, type AppServices } from '@acme/app-shell';
import type Router from '@koa/router';
import { registerAuthPages } from './routes/auth.js';

/** Whether the app has user accounts (sign-up, sign-in, account pages). */
export const hasAccounts = true;

/** The migrations the app runs at start: the users table. */
export const migrations = accountMigrations;

/** Paths anyone may visit; every other route must refuse anonymous requests. */
export const PUBLIC_PATHS: readonly string[] = ['/', '/healthz', '/login', '/register', '/logout'];

/** Registers the routes the generators added (the auth and account pages). */
export function registerFeatureRoutes(
  router: Router,
  services: AppServices,
  appName: string,
): void {
  registerAuthPages(router, services, appName);
}
