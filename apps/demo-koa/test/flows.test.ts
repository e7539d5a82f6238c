import { describe, expect, it } from 'vitest';
import { client, demoPerTest, logIn, ORIGIN, PASSWORD, register, tokenFrom } from './demo.js';

const demo = demoPerTest();

describe('demo flows', () => {
  it('registers (never signed in), logs in to the dashboard, logs out and back in', async () => {
    const d = await demo();
    const a = client(d);
    const res = await register(a);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/dashboard');
    const dash = await a.get('/dashboard');
    expect(dash.status).toBe(200);
    expect(dash.text).toContain('Hello, alice');
    expect(dash.text).toContain('Please confirm your email address');
    const _csrf = await tokenFrom(a, '/dashboard');
    expect((await a.post('/logout').set('Origin', ORIGIN).type('form').send({ _csrf })).headers.location).toBe('/');
    expect((await a.get('/dashboard')).status).toBe(302);
    expect((await logIn(a)).headers.location).toBe('/dashboard');
  });

  it('refuses a taken username, whatever its case or width', async () => {
    const d = await demo();
    await register(client(d), 'alice');
    for (const name of ['alice', 'Alice', 'ａｌｉｃｅ']) {
      const res = await register(client(d), name, 'another lovely passphrase');
      expect(res.status).toBe(400);
      expect(res.text).toContain('That username is taken');
    }
    expect(await d.services.users.count()).toBe(1);
  });

  it('makes exactly one account from concurrent registrations of one name', async () => {
    const d = await demo();
    const results = await Promise.all(Array.from({ length: 10 }, () => register(client(d), 'racer')));
    expect(results.filter((r) => r.status === 302)).toHaveLength(1);
    expect(results.filter((r) => r.status === 400)).toHaveLength(9);
    expect(await d.services.users.count()).toBe(1);
  });

  it('explains a refused password in words', async () => {
    const d = await demo();
    const res = await register(client(d), 'bob', 'short');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Use at least 15 characters');
  });

  it('lists the sessions of the user and revokes one', async () => {
    const d = await demo();
    const a = client(d);
    const b = client(d);
    await register(a);
    await logIn(b);
    const page = await a.get('/account/sessions');
    expect(page.status).toBe(200);
    const rows = page.text.split('<tr>').slice(2);
    expect(rows).toHaveLength(2);
    expect(rows.filter((row) => row.includes('this device'))).toHaveLength(1);
    const otherRow = rows.find((row) => !row.includes('this device')) ?? '';
    const target = /name="digest" value="([0-9a-f]{64})"/.exec(otherRow)?.[1] ?? '';
    const _csrf = await tokenFrom(a, '/account/sessions');
    const revoked = await a.post('/account/sessions/revoke').set('Origin', ORIGIN).type('form').send({ _csrf, digest: target });
    expect(revoked.headers.location).toBe('/account/sessions');
    expect((await a.get('/dashboard')).status).toBe(200);
    expect((await b.get('/dashboard')).status).toBe(302);
  });
  it('logs out everywhere', async () => {
    const d = await demo();
    const a = client(d);
    const b = client(d);
    await register(a);
    await logIn(b);
    const _csrf = await tokenFrom(a, '/account/sessions');
    const res = await a.post('/account/sessions/revoke-all').set('Origin', ORIGIN).type('form').send({ _csrf });
    expect(res.headers.location).toBe('/login');
    expect((await a.get('/dashboard')).status).toBe(302);
    expect((await b.get('/dashboard')).status).toBe(302);
  });

  it('reports health of the database and the session store', async () => {
    const d = await demo();
    const res = await client(d).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok', sessions: 'ok' });
  });

  it('shows a friendly 404 page', async () => {
    const d = await demo();
    const res = await client(d).get('/no/such/page');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Page not found');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('serves its stylesheet', async () => {
    const d = await demo();
    const res = await client(d).get('/style.css');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/css/);
  });

  it('sends people back where they were going after login', async () => {
    const d = await demo();
    await register(client(d));
    const a = client(d);
    const redirect = await a.get('/account/sessions');
    expect(redirect.headers.location).toBe('/login?next=%2Faccount%2Fsessions');
    const page = await a.get('/login?next=%2Faccount%2Fsessions');
    expect(page.text).toContain('name="next" value="/account/sessions"');
    expect((await logIn(a, 'alice', PASSWORD, '/account/sessions')).headers.location).toBe('/account/sessions');
  });
});
