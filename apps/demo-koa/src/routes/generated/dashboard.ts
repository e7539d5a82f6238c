import type Router from '@koa/router';
import { loginRequired } from '@acme/auth-core/koa';

/** GET /dashboard: Dashboard, for signed-in users only (made by `pnpm gen auth`; yours to edit). */
export function register(router: Router): void {
  router.get('/dashboard', loginRequired(), (ctx) => {
    ctx.render('dashboard.njk', { title: 'Dashboard' });
  });
}
