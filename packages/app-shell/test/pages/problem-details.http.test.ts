import { describe, expect, it, vi } from 'vitest';
import { loginRequired, PROBLEM_TYPES } from '@acme/auth-core/koa';
import { client, TEST_ORIGIN, tokenFrom } from '../../src/testing/index.js';
import { shippedApp } from '../app/web-fixture.js';

const JSON_ACCEPT = { Accept: 'application/json' };

/** Every JSON error of the shell has exactly this shape, served as problem details. */
function expectProblem(res: { status: number; headers: Record<string, string>; body: unknown }, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Object.keys(res.body as object).sort()).toEqual(['detail', 'status', 'title', 'type']);
  expect(res.body).toMatchObject({ type, status });
}

describe('the shell answers every JSON error as RFC 9457 problem details', () => {
  it('404, for a client asking for JSON or for problem details', async () => {
    const web = await shippedApp();
    expectProblem(await client(web).get('/no-such-page').set(JSON_ACCEPT), 404, PROBLEM_TYPES.notFound);
    const problem = await client(web).get('/no-such-page').set('Accept', 'application/problem+json');
    expectProblem(problem, 404, PROBLEM_TYPES.notFound);
    expect(problem.body).toMatchObject({ title: 'Page not found' });
  });

  it('a CSRF 403 is request-refused, never the guard’s forbidden (the route walker tells them apart)', async () => {
    const web = await shippedApp();
    const res = await client(web).post('/logout').set(JSON_ACCEPT).set('Origin', TEST_ORIGIN).type('form').send({ _csrf: 'forged' });
    expectProblem(res, 403, PROBLEM_TYPES.requestRefused);
  });

  it('a malformed form (a repeated field) is bad-request', async () => {
    const web = await shippedApp();
    const agent = client(web);
    const _csrf = await tokenFrom(agent, '/login');
    const res = await agent.post('/login').set(JSON_ACCEPT).set('Origin', TEST_ORIGIN).type('form').send(`_csrf=${_csrf}&username=a&username=b&password=x`);
    expectProblem(res, 400, PROBLEM_TYPES.badRequest);
  });

  it('a throttled sign-in is too-many-requests, with Retry-After', async () => {
    const web = await shippedApp();
    let res;
    for (let i = 0; i < 11; i += 1) {
      const agent = client(web);
      const _csrf = await tokenFrom(agent, '/login');
      res = await agent.post('/login').set(JSON_ACCEPT).set('Origin', TEST_ORIGIN).type('form').send({ _csrf, username: 'alice', password: 'wrong password' });
    }
    expectProblem(res ?? { status: 0, headers: {}, body: {} }, 429, PROBLEM_TYPES.tooManyRequests);
    expect(Number(res?.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a bug is internal-error and shows nothing of it', async () => {
    const web = await shippedApp((router) => {
      router.get('/boom', () => {
        throw new Error('secret internals');
      });
    });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await client(web).get('/boom').set(JSON_ACCEPT);
    quiet.mockRestore();
    expectProblem(res, 500, PROBLEM_TYPES.internalError);
    expect(res.text).not.toContain('secret internals');
  });

  it('loginRequired’s refusals in the shipped chain: 401 authentication-required, and with json: true even for HTML', async () => {
    const web = await shippedApp((router) => {
      router.get('/api/me', loginRequired({ json: true }), (ctx) => {
        ctx.body = { ok: true };
      });
    });
    expectProblem(await client(web).get('/api/me').set('Accept', 'text/html'), 401, PROBLEM_TYPES.authenticationRequired);
  });

  it('still renders the HTML error page for a browser', async () => {
    const web = await shippedApp();
    const res = await client(web).get('/no-such-page').set('Accept', 'text/html');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('Page not found');
  });
});
