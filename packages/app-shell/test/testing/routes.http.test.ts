import { describe, expect, it } from 'vitest';
import { loginRequired } from '@acme/auth-core/koa';
import { findUnprotectedRoutes } from '@acme/auth-core/testing';
import { AUTH_PUBLIC_PATHS } from '../../src/pages/index.js';
import { shippedApp } from '../app/web-fixture.js';

const PUBLIC_PATHS = AUTH_PUBLIC_PATHS;

/** The shipped chain plus guarded routes of every shape, and whatever `extra` adds. */
function appWithRoutes(extra: Parameters<typeof shippedApp>[0] = () => undefined) {
  return shippedApp((router, services) => {
    const guard = loginRequired();
    router.get('/dashboard', guard, (ctx) => (ctx.body = 'dashboard'));
    router.post('/notes', guard, (ctx) => (ctx.body = 'saved'));
    router.get('/items/:id', guard, (ctx) => (ctx.body = 'item'));
    router.delete('/items/:id', guard, (ctx) => (ctx.body = 'deleted'));
    router.get(/^\/reports\/(\d{4})$/, guard, (ctx) => (ctx.body = 'report'));
    router.post(/^\/reports\/(\d{4})\/share$/, guard, (ctx) => (ctx.body = 'shared'));
    extra?.(router, services);
  });
}

describe('findUnprotectedRoutes', () => {
  it('SEC-SESS-10 finds nothing to report when every route is guarded (strings, parameters, RegExps, writes)', async () => {
    const d = await appWithRoutes();
    await expect(findUnprotectedRoutes(d.app, d.router, { publicPaths: PUBLIC_PATHS })).resolves.toEqual([]);
  });

  // #region complete-mediation
  it('SEC-SESS-10 reports an unguarded write and an unguarded RegExp route (a CSRF 403 is not protection)', async () => {
    const d = await appWithRoutes((router) => {
      router.post('/forgotten-write', (ctx) => (ctx.body = 'written'));
      router.get(/^\/exports\/(\d+)\.csv$/, (ctx) => (ctx.body = 'a,b'));
      router.put('/items/:id/forgotten', (ctx) => (ctx.body = 'replaced'));
    });
    const failures = await findUnprotectedRoutes(d.app, d.router, { publicPaths: PUBLIC_PATHS });
    expect(failures).toEqual([
      { method: 'POST', path: '/forgotten-write', status: 200, location: null },
      { method: 'GET', path: '/exports/0.csv', status: 200, location: null },
      { method: 'PUT', path: '/items/x/forgotten', status: 200, location: null },
    ]);
  });
  // #endregion complete-mediation

  it('does not count a handler’s own 401 or 403 as the guard’s', async () => {
    const d = await appWithRoutes((router) => {
      router.post('/own-check', (ctx) => ctx.throw(403, 'nope'));
      router.post('/own-401', (ctx) => ctx.throw(401, 'nope'));
    });
    const failures = await findUnprotectedRoutes(d.app, d.router, { publicPaths: PUBLIC_PATHS });
    expect(failures).toEqual([
      { method: 'POST', path: '/own-check', status: 403, location: null },
      { method: 'POST', path: '/own-401', status: 401, location: null },
    ]);
  });

  it('refuses to walk when it cannot make a path for a route, naming it, and walks it with a declared sample', async () => {
    const lookahead = /^\/(?=archive)[a-z]+\/(\d+)$/;
    const d = await appWithRoutes((router) => {
      router.get(lookahead, (ctx) => (ctx.body = 'archived'));
    });
    await expect(findUnprotectedRoutes(d.app, d.router, { publicPaths: PUBLIC_PATHS })).rejects.toThrow(
      `cannot make a path that reaches: HEAD,GET ${String(lookahead)}`,
    );
    const failures = await findUnprotectedRoutes(d.app, d.router, { publicPaths: PUBLIC_PATHS, samples: { [String(lookahead)]: '/archive/7' } });
    expect(failures).toEqual([{ method: 'GET', path: '/archive/7', status: 200, location: null }]);
  });

  it('refuses a declared sample that does not reach its route', async () => {
    const d = await appWithRoutes();
    await expect(
      findUnprotectedRoutes(d.app, d.router, { publicPaths: PUBLIC_PATHS, samples: { '/items/:id': '/elsewhere' } }),
    ).rejects.toThrow('cannot make a path that reaches: HEAD,GET /items/:id; DELETE /items/:id');
  });
});
