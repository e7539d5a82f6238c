// The app cluster.process.test.ts runs: runServer (so WEB_CONCURRENCY forks workers) with the
// shipped pages, a signed-in /dashboard, and an `X-Worker` header naming the process that answered.
import { testOnlyScryptParams } from '@acme/auth-core';
import { readAppConfig, runServer } from '../../src/app/index.js';
import { accountPagesApp } from '../app/account-pages-app.js';

void runServer(
  // Test-only hashing keeps the many logins fast (refused in production).
  () => ({ ...readAppConfig(process.env, { appRoot: import.meta.dirname, appName: 'cluster-fixture' }), scrypt: testOnlyScryptParams({ logN: 8 }) }),
  async (config) => {
    const web = await accountPagesApp(config);
    // First in the chain (Koa composes its middleware when the server asks for the handler).
    web.app.middleware.unshift(async (ctx, next) => {
      ctx.set('X-Worker', String(process.pid));
      await next();
    });
    return web;
  },
);
