import type Router from '@koa/router';
import { pingDatabase } from '../db/migrations.js';
import type { Services } from '../services.js';

/** GET / and GET /healthz. */
export function publicRoutes(router: Router, services: Services): void {
  router.get('/', (ctx) => ctx.render('home.njk'));

  router.get('/healthz', async (ctx) => {
    const check = async (probe: () => Promise<void>) => {
      try {
        await probe();
        return 'ok';
      } catch {
        return 'unavailable';
      }
    };
    const [database, sessions] = await Promise.all([check(() => pingDatabase(services.db.kysely)), check(() => services.sessions.ping())]);
    const healthy = database === 'ok' && sessions === 'ok';
    ctx.status = healthy ? 200 : 503;
    ctx.body = { status: healthy ? 'ok' : 'degraded', database, sessions };
  });
}
