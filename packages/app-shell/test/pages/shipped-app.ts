/**
 * auth-core's shipped routes (`authRoutes`, `accountRoutes`) in an app built by `createWebApp`, the
 * way an app built from the template runs them, for tests that must exercise the real handlers
 * rather than a copy. Services can be wrapped (e.g. a hasher that counts or holds verifications).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { accountMigrations } from '../../src/accounts/index.js';
import { type AccountServices, type AppConfig, createWebApp, readAppConfig, requireAccounts } from '../../src/app/index.js';
import { accountRoutes, authRoutes } from '../../src/pages/index.js';
import { loginRequired } from '@acme/auth-core/koa';
import { client, TEST_ORIGIN, testAppConfig, tokenFrom } from '../../src/testing/index.js';

/** The app shell's folder (views, sources), for tests that read its files. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Options of {@link shippedApp}. */
export interface ShippedAppOptions {
  /** Config overrides on top of the test config (e.g. `trustProxy`, `redisUrl`). */
  config?: Partial<AppConfig>;
  /** Services to hand the routes instead of the app's own (each gets the app's to wrap). */
  wrap?: (services: AccountServices) => Partial<AccountServices>;
  /** `authRoutes`' `email` option (default: required). */
  email?: 'required' | 'optional';
}

/**
 * An app with accounts on in-memory SQLite, a fake session clock and test-only hashing, serving
 * `authRoutes`, `accountRoutes` and a guarded `/dashboard` (the shell's default dashboard view).
 *
 * @example
 * const web = await shippedApp({ config: { trustProxy: 1 } });
 */
export async function shippedApp(options: ShippedAppOptions = {}) {
  const base = readAppConfig({}, { appRoot: PACKAGE_ROOT, appName: 'throttle-test' });
  const { config, clock, records } = testAppConfig(base, { sessionStore: 'memory', ...options.config });
  const web = await createWebApp({
    config,
    migrations: accountMigrations,
    routes: (router, services) => {
      const own = requireAccounts(services);
      const used = { ...own, ...options.wrap?.(own), appName: config.appName };
      authRoutes(router, { ...used, email: options.email });
      router.get('/dashboard', loginRequired(), (ctx) => ctx.render('dashboard.njk'));
      accountRoutes(router, used);
    },
  });
  return { ...web, services: requireAccounts(web.services), clock, records, config };
}

/** An app made by {@link shippedApp}. */
export type ShippedApp = Awaited<ReturnType<typeof shippedApp>>;

/**
 * For a test file: a {@link shippedApp} that is closed after each test.
 *
 * @example
 * const open = shippedAppPerTest();
 * it('…', async () => { const web = await open(); … });
 */
export function shippedAppPerTest(): typeof shippedApp {
  const opened: ShippedApp[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((web) => web.close()));
  });
  return async (options) => {
    const web = await shippedApp(options);
    opened.push(web);
    return web;
  };
}

/**
 * One sign-in through the `/login` form from a fresh browser, optionally through a proxy that
 * reports `forwardedFor` as the client.
 *
 * @example
 * expect((await loginAttempt(web, 'alice', 'wrong')).status).toBe(400);
 */
export async function loginAttempt(web: ShippedApp, username: string, password: string, forwardedFor?: string) {
  const agent = client(web);
  const _csrf = await tokenFrom(agent, '/login');
  const post = agent.post('/login').set('Origin', TEST_ORIGIN);
  if (forwardedFor !== undefined) post.set('X-Forwarded-For', forwardedFor);
  return post.type('form').send({ username, password, _csrf });
}
