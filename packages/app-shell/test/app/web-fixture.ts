/**
 * The shipped request chain (`createWebApp` + `authRoutes`) on in-memory SQLite with a fake clock,
 * for tests of auth-core's routes and guards as an app really runs them.
 */
import path from 'node:path';
import type Router from '@koa/router';
import { onTestFinished } from 'vitest';
import { accountMigrations } from '../../src/accounts/index.js';
import { type AccountServices, createWebApp, readAppConfig, requireAccounts } from '../../src/app/index.js';
import { authRoutes } from '../../src/pages/index.js';
import { testAppConfig } from '../../src/testing/index.js';

/** Builds the app with `authRoutes` plus `routes`; it is closed when the test finishes. */
export async function shippedApp(routes: (router: Router, services: AccountServices) => void = () => undefined) {
  // No views or public files of its own (auth-core's defaults serve); the database is in memory.
  const appRoot = path.join(import.meta.dirname, 'no-app-files');
  const { config, clock, records } = testAppConfig(readAppConfig({}, { appRoot, appName: 'guards' }));
  const web = await createWebApp({
    config,
    migrations: accountMigrations,
    routes: (router, services) => {
      const accounts = requireAccounts(services);
      authRoutes(router, { ...accounts, appName: config.appName });
      routes(router, accounts);
    },
  });
  onTestFinished(() => web.close());
  return { ...web, services: requireAccounts(web.services), clock, records };
}
