import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, logIn, register, testApp } from '../helpers.js';

describe('GET /dashboard (generated)', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    app = await testApp();
    await register(client(app), 'route-owner');
  });
  afterAll(async () => {
    await app.close();
  });

  it('redirects an anonymous page request to login with next', async () => {
    const res = await client(app).get('/dashboard');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/login?next=%2Fdashboard');
  });

  it('answers 401 to an anonymous JSON request', async () => {
    const res = await client(app).get('/dashboard').set('Accept', 'application/json');
    expect(res.status).toBe(401);
  });

  it('answers 200 to a signed-in user', async () => {
    const agent = client(app);
    await logIn(agent, 'route-owner');
    const res = await agent.get('/dashboard');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Dashboard');
  });

  it('ignores an unsafe next after login', async () => {
    const agent = client(app);
    const res = await logIn(agent, 'route-owner', undefined, '//evil.example/dashboard');
    expect(res.headers.location).toBe('/dashboard');
  });
});
