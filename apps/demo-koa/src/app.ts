import Koa from 'koa';
import type { AppConfig } from './config.js';

/**
 * Builds the demo application without listening, so tests can drive it in-process.
 *
 * @example
 * const app = createApp(loadConfig());
 * app.listen(3000);
 */
export function createApp(_config: AppConfig): Koa {
  const app = new Koa();
  app.use(async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path === '/healthz') {
      ctx.body = { status: 'ok' };
      return;
    }
    if (ctx.method === 'GET' && ctx.path === '/') {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>demo-koa</title></head><body><h1>demo-koa</h1><p>The workspace is running.</p></body></html>';
      return;
    }
    await next();
  });
  return app;
}
