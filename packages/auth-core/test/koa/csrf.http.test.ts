import { describe, expect, it } from 'vitest';
import { agent, signIn, tokenOf } from './agent.js';
import { createFixture, HTTPS, ORIGIN, PASSWORD } from './fixture.js';

describe('CSRF protection', () => {
  it('SEC-CSRF-01 /login needs the session token: missing, foreign and modified tokens are 403 with no login', async () => {
    const { app } = createFixture();
    const victim = agent(app);
    const own = await tokenOf(victim);
    const foreign = await tokenOf(agent(app));
    for (const _csrf of [undefined, foreign, `${own.slice(0, -1)}${own.endsWith('A') ? 'B' : 'A'}`]) {
      const res = await victim.post('/login').set(HTTPS).type('form').send({ username: 'alice', password: PASSWORD, ...(_csrf ? { _csrf } : {}) });
      expect(res.status).toBe(403);
      expect(res.text).not.toContain('dashboard');
      expect((await victim.get('/dashboard').set(HTTPS)).status).toBe(302);
    }
    const ok = await victim.post('/login').set(HTTPS).type('form').send({ username: 'alice', password: PASSWORD, _csrf: own });
    expect(ok.status).toBe(302);
  });

  it('SEC-CSRF-01 /logout needs the token: without it the session survives', async () => {
    const { app } = createFixture();
    const client = agent(app);
    await signIn(client);
    expect((await client.post('/logout').set(HTTPS).type('form').send({})).status).toBe(403);
    expect((await client.get('/dashboard').set(HTTPS)).status).toBe(200);
  });

  it('SEC-CSRF-02 never accepts the token from the query string', async () => {
    const { app } = createFixture();
    const client = agent(app);
    await signIn(client);
    const token = await tokenOf(client);
    const res = await client.post(`/logout?_csrf=${encodeURIComponent(token)}`).set(HTTPS).type('form').send({});
    expect(res.status).toBe(403);
    expect((await client.get('/dashboard').set(HTTPS)).status).toBe(200);
  });

  it('SEC-CSRF-03 rotates the token at login: the pre-login token stops working', async () => {
    const { app } = createFixture();
    const client = agent(app);
    const before = await tokenOf(client);
    await client.post('/login').set(HTTPS).type('form').send({ username: 'alice', password: PASSWORD, _csrf: before });
    const stale = await client.post('/logout').set(HTTPS).type('form').send({ _csrf: before });
    expect(stale.status).toBe(403);
    const fresh = await tokenOf(client);
    expect(fresh).not.toBe(before);
    expect((await client.post('/logout').set(HTTPS).type('form').send({ _csrf: fresh })).status).toBe(302);
  });

  it.each([
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'Sec-Fetch-Site': 'same-site' }],
    ['Origin: https://evil.example', { Origin: 'https://evil.example' }],
    ['Origin: null', { Origin: 'null' }],
    ['Origin: null from a cross-site opaque origin', { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' }],
    ['Origin: https://app.test.evil.example', { Origin: 'https://app.test.evil.example' }],
  ])('SEC-CSRF-04 refuses a valid token with %s', async (_label, headers) => {
    const { app } = createFixture();
    const client = agent(app);
    await signIn(client);
    const token = await tokenOf(client);
    const res = await client.post('/logout').set(HTTPS).set(headers).type('form').send({ _csrf: token });
    expect(res.status).toBe(403);
    expect((await client.get('/dashboard').set(HTTPS)).status).toBe(200);
  });

  it('SEC-CSRF-04 accepts the app origin without Sec-Fetch-Site, and a header token', async () => {
    const { app } = createFixture();
    const client = agent(app);
    await signIn(client);
    const token = await tokenOf(client);
    const res = await client.post('/logout').set({ 'X-Forwarded-Proto': 'https', Origin: ORIGIN }).set('X-CSRF-Token', token).send({});
    expect(res.status).toBe(302);
  });

  it('SEC-CSRF-05 has no state change on safe methods: GET and HEAD /logout are 405', async () => {
    const { app, router } = createFixture();
    const client = agent(app);
    await signIn(client);
    expect((await client.get('/logout').set(HTTPS)).status).toBe(405);
    expect((await client.head('/logout').set(HTTPS)).status).toBe(405);
    expect((await client.get('/dashboard').set(HTTPS)).status).toBe(200);
    const mutating = router.stack.filter((layer) => ['/login', '/logout'].includes(String(layer.path)));
    for (const layer of mutating) {
      if (layer.path === '/logout') expect(layer.methods).toEqual(['POST']);
    }
  });
});
