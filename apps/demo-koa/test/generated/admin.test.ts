import { requireAccounts } from '@acme/app-shell';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, logIn, register, testApp } from '../helpers.js';

describe('GET /admin (generated)', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    app = await testApp();
    await register(client(app), 'route-owner');
    await register(client(app), 'no-role');
    const { users } = requireAccounts(app.services);
    const owner = await users.findByUsername('route-owner');
    if (!owner) throw new Error('route-owner was not registered');
    await users.setRoles(owner.id, ['admin']);
  });
  afterAll(async () => {
    await app.close();
  });

  it('redirects an anonymous page request to login with next', async () => {
    const res = await client(app).get('/admin');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/login?next=%2Fadmin');
  });

  it('answers 401 to an anonymous JSON request', async () => {
    const res = await client(app).get('/admin').set('Accept', 'application/json');
    expect(res.status).toBe(401);
  });

  it('answers 200 to a signed-in user with the admin role', async () => {
    const agent = client(app);
    await logIn(agent, 'route-owner');
    const res = await agent.get('/admin');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Administration');
  });

  it('answers 403 to a signed-in user without the admin role', async () => {
    const agent = client(app);
    await logIn(agent, 'no-role');
    expect((await agent.get('/admin')).status).toBe(403);
  });

  it('ignores an unsafe next after login', async () => {
    const agent = client(app);
    const res = await logIn(agent, 'route-owner', undefined, '//evil.example/admin');
    expect(res.headers.location).toBe('/dashboard');
  });
});
