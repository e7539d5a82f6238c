// An app with accounts run by runServer the way a generated src/server.ts runs it, for
// dev-session-key.test.ts: `node --import tsx dev-server-fixture.ts` with FIXTURE_ROOT set to the
// app folder (its .env files and data/ live there).
import { accountMigrations, accountRoutes, authRoutes, createWebApp, readAppConfig, requireAccounts, runServer, withEnvFiles } from '../../src/index.js';
import { loginRequired } from '@acme/auth-core/koa';

const appRoot = process.env.FIXTURE_ROOT ?? '';
void runServer(
  () => readAppConfig(withEnvFiles(appRoot), { appRoot, appName: 'dev-fixture' }),
  (config) =>
    createWebApp({
      config,
      migrations: accountMigrations,
      routes: (router, services) => {
        authRoutes(router, { ...requireAccounts(services), appName: 'dev-fixture' });
        accountRoutes(router, { ...requireAccounts(services), appName: 'dev-fixture' });
        router.get('/dashboard', loginRequired(), (ctx) => (ctx.body = `signed in as ${ctx.state.user?.id ?? '?'}`));
      },
    }),
);
