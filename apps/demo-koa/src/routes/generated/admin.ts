import type Router from '@koa/router';
import { hasRole } from '@acme/auth-core';
import { loginRequired } from '@acme/auth-core/koa';

/** GET /admin: Administration, for signed-in users with the admin role only (made by `pnpm gen route`; yours to edit). */
export function register(router: Router): void {
  router.get('/admin', loginRequired({ can: (user) => hasRole(user, 'admin') }), (ctx) => {
    ctx.render('generated/admin.njk', { title: 'Administration' });
  });
}
