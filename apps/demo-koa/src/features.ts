// generated — do not edit by hand
// `pnpm gen app` wrote this file and `pnpm gen auth` rewrites it: it says what the app has.
import { accountMigrations, AUTH_PUBLIC_PATHS, type AppServices } from '@acme/app-shell';
import type Router from '@koa/router';
import { registerAuthPages } from './routes/auth.js';

/** Whether the app has user accounts (sign-up, sign-in, account pages). */
export const hasAccounts = true;

/** The migrations the app runs at start: the users table. */
export const migrations = accountMigrations;

/** Paths anyone may visit (with the sign-in, sign-up and password reset pages); every other route must refuse anonymous requests. */
export const PUBLIC_PATHS: readonly string[] = ['/', '/healthz', ...AUTH_PUBLIC_PATHS];

/** Registers the routes the generators added (the auth and account pages). */
export function registerFeatureRoutes(
  router: Router,
  services: AppServices,
  appName: string,
): void {
  registerAuthPages(router, services, appName);
}
