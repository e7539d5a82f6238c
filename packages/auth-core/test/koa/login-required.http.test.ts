import Router from '@koa/router';
import { describe, expect, it } from 'vitest';
import { loginRequired, PROBLEM_TYPES, requireAuthentication } from '../../src/koa/index.js';
import { findUnprotectedRoutes } from '../../src/testing/index.js';
import { agent, signIn, tokenOf } from './agent.js';
import { createFixture, HTTPS } from './fixture.js';

describe('loginRequired', () => {
  it('SEC-SESS-10 the router walker proves every non-public route is protected', async () => {
    const { app, router } = createFixture();
    const publicPaths = ['/', '/login', '/logout', '/csrf', '/session-data', '/boom', '/marker'];
    await expect(findUnprotectedRoutes(app, router, { publicPaths, headers: HTTPS })).resolves.toEqual([]);
  });

  // #region complete-mediation
  it('SEC-SESS-10 the walker reports a route someone forgot to protect (negative case)', async () => {
    const { app, router } = createFixture();
    router.get('/forgotten', (ctx) => {
      ctx.body = 'secret';
    });
    const failures = await findUnprotectedRoutes(app, router, { publicPaths: ['/', '/login', '/logout', '/csrf', '/session-data', '/boom', '/marker'], headers: HTTPS });
    expect(failures).toEqual([{ method: 'GET', path: '/forgotten', status: 200, location: null }]);
  });
  // #endregion complete-mediation

  it('SEC-SESS-10 the walker counts a json: true route’s 401 as protected, and still reports an unguarded JSON route', async () => {
    const { app, router } = createFixture();
    router.get('/api/me', loginRequired({ json: true }), (ctx) => {
      ctx.body = { ok: true };
    });
    router.get('/api/open', (ctx) => {
      ctx.status = 401;
      ctx.body = { type: 'urn:auth-core:problem:unauthorized', title: 'A handler’s own 401', status: 401, detail: '' };
    });
    const publicPaths = ['/', '/login', '/logout', '/csrf', '/session-data', '/boom', '/marker'];
    expect(await findUnprotectedRoutes(app, router, { publicPaths, headers: HTTPS })).toEqual([{ method: 'GET', path: '/api/open', status: 401, location: null }]);
  });

  it('answers 401 problem details to anonymous requests that want JSON', async () => {
    const { app } = createFixture();
    const res = await agent(app).get('/dashboard').set(HTTPS).set('Accept', 'application/json');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({ type: 'urn:auth-core:problem:authentication-required', title: 'Please sign in', status: 401, detail: 'Sign in to continue.' });
    const xhr = await agent(app).get('/dashboard').set(HTTPS).set('X-Requested-With', 'XMLHttpRequest');
    expect(xhr.status).toBe(401);
  });

  it('answers 403 when the `can` predicate refuses, 200 when it allows', async () => {
    const { app, router } = createFixture();
    router.get('/admin', loginRequired({ can: (user) => user.id === 'u-admin' }), (ctx) => {
      ctx.body = 'admin';
    });
    router.get('/mine', loginRequired({ can: (user) => user.id === 'u-alice' }), (ctx) => {
      ctx.body = 'mine';
    });
    const client = agent(app);
    await signIn(client);
    expect((await client.get('/admin').set(HTTPS)).status).toBe(403);
    expect((await client.get('/mine').set(HTTPS)).status).toBe(200);
  });

  it('with `json: true` answers 401 and 403 as problem details even to a browser asking for HTML', async () => {
    const { app, router } = createFixture();
    router.get('/api/me', loginRequired({ json: true }), (ctx) => {
      ctx.body = { id: ctx.state.user?.id };
    });
    router.post('/api/admin', loginRequired({ json: true, can: () => false }), (ctx) => {
      ctx.body = { ok: true };
    });
    const html = { ...HTTPS, Accept: 'text/html' };
    const anonymous = await agent(app).get('/api/me').set(html);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.location).toBeUndefined();
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.body).toMatchObject({ type: PROBLEM_TYPES.authenticationRequired, status: 401 });
    const client = agent(app);
    await signIn(client);
    expect((await client.get('/api/me').set(html)).body).toEqual({ id: 'u-alice' });
    const refused = await client.post('/api/admin').set(html).type('form').send({ _csrf: await tokenOf(client) });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toEqual({ type: PROBLEM_TYPES.forbidden, title: 'Not allowed', status: 403, detail: 'You do not have access to this page.' });
  });

  it('demands a recent password entry with `fresh`', async () => {
    const { app, router, clock } = createFixture();
    router.get('/sensitive', loginRequired({ fresh: 5 * 60_000 }), (ctx) => {
      ctx.body = 'ok';
    });
    const client = agent(app);
    await signIn(client);
    expect((await client.get('/sensitive').set(HTTPS)).status).toBe(200);
    clock.advance(6 * 60_000);
    const res = await client.get('/sensitive').set(HTTPS);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/login?next=%2Fsensitive&reauth=1');
  });

  it('requireAuthentication protects everything but the allow-list', async () => {
    const { app } = createFixture();
    const router = new Router();
    router.get('/open', (ctx) => {
      ctx.body = 'open';
    });
    router.get('/closed', (ctx) => {
      ctx.body = 'closed';
    });
    app.middleware.splice(app.middleware.length - 2, 0, requireAuthentication({ allow: ['/', '/login', '/csrf', '/open', /^\/static\//] }));
    app.use(router.routes());
    const client = agent(app);
    expect((await client.get('/open').set(HTTPS)).status).toBe(200);
    const closed = await client.get('/closed').set(HTTPS);
    expect(closed.status).toBe(302);
    expect(closed.headers.location).toBe('/login?next=%2Fclosed');
    await signIn(client);
    expect((await client.get('/closed').set(HTTPS)).text).toBe('closed');
  });
});
