import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/index.js';
import { agent, setCookies, tokenOf } from './agent.js';
import { createFixture, HTTPS, KEYS, PASSWORD } from './fixture.js';

/** A fresh client's csrf cookie value and its form token (from the fixture's /csrf route). */
async function anonymousPair(app: Parameters<typeof agent>[0]) {
  const client = agent(app);
  const token = await tokenOf(client);
  return { client, token, cookie: client.jar.get('__Host-csrf') ?? '' };
}

describe('anonymous forms: a signed double-submit token, no session', () => {
  it('SEC-SESS-03 300 anonymous token requests create no session record and no session cookie', async () => {
    const store = new MemoryStore({ sweepIntervalMs: 0 });
    const { app } = createFixture({ store });
    for (let i = 0; i < 300; i += 1) {
      const res = await agent(app).get(i % 2 === 0 ? '/login' : '/csrf').set(HTTPS);
      expect(res.status).toBe(200);
      expect(setCookies(res).some((c) => c.startsWith('__Host-sid'))).toBe(false);
    }
    expect(store.size).toBe(0);
    // The measure can move: a sign-in stores exactly one record.
    const { client, token } = await anonymousPair(app);
    expect((await client.post('/login').set(HTTPS).type('form').send({ username: 'alice', password: PASSWORD, _csrf: token })).status).toBe(302);
    expect(store.size).toBe(1);
  });

  it('SEC-CK-03 the cookie is __Host-csrf: 256 random bits, HttpOnly, Secure, SameSite=Lax, Path=/, no Domain', async () => {
    const { app } = createFixture();
    const res = await agent(app).get('/login').set(HTTPS);
    const cookie = setCookies(res).find((c) => c.startsWith('__Host-csrf='));
    expect(cookie).toBeDefined();
    const value = cookie?.slice('__Host-csrf='.length).split(';')[0] ?? '';
    expect(Buffer.from(value, 'base64url')).toHaveLength(32);
    expect(cookie).toMatch(/; path=\/(;|$)/i);
    expect(cookie).toMatch(/; secure/i);
    expect(cookie).toMatch(/; httponly/i);
    expect(cookie).toMatch(/; samesite=lax/i);
    expect(cookie).not.toMatch(/domain=|expires=|max-age=/i);
    expect(setCookies(res).filter((c) => c.startsWith('__Host-csrf.sig'))).toEqual([]);
    // The form token is an HMAC of the cookie, not the cookie itself.
    expect(/value="([^"]+)"/.exec(res.text)?.[1]).not.toBe(value);
  });

  it('SEC-CK-03 over plain http (development) the cookie is csrf, without Secure', async () => {
    const { app } = createFixture({ secure: false, proxy: false });
    const res = await agent(app).get('/login');
    const cookie = setCookies(res).find((c) => c.startsWith('csrf='));
    expect(cookie).toBeDefined();
    expect(cookie).not.toMatch(/; secure/i);
    expect(cookie).toMatch(/; httponly/i);
  });

  it('reuses a valid cookie: the second page sets no cookie and carries the same token', async () => {
    const { app } = createFixture();
    const client = agent(app);
    const first = await tokenOf(client);
    const again = await client.get('/login').set(HTTPS);
    expect(setCookies(again)).toEqual([]);
    expect(again.text).toContain(`value="${first}"`);
    // A cookie of the wrong shape is replaced, not signed.
    client.jar.set('__Host-csrf', 'x');
    const replaced = await client.get('/login').set(HTTPS);
    expect(setCookies(replaced).some((c) => /^__Host-csrf=[A-Za-z0-9_-]{43};/.test(c))).toBe(true);
  });

  it('SEC-CSRF-01 /login refuses a missing, forged, other-cookie or cookieless token with 403, no login and no record', async () => {
    const store = new MemoryStore({ sweepIntervalMs: 0 });
    const { app, records } = createFixture({ store });
    const victim = await anonymousPair(app);
    const other = await anonymousPair(app);
    const login = (cookie: string, _csrf: string | undefined) =>
      agent(app)
        .post('/login')
        .set(HTTPS)
        .set('Cookie', cookie)
        .type('form')
        .send({ username: 'alice', password: PASSWORD, ...(_csrf === undefined ? {} : { _csrf }) });
    const flipped = `${victim.token.slice(0, -1)}${victim.token.endsWith('A') ? 'B' : 'A'}`;
    const cases: [string, string | undefined][] = [
      [`__Host-csrf=${victim.cookie}`, undefined],
      [`__Host-csrf=${victim.cookie}`, 'x'.repeat(43)],
      [`__Host-csrf=${victim.cookie}`, flipped],
      [`__Host-csrf=${victim.cookie}`, other.token],
      [`__Host-csrf=${victim.cookie}`, victim.cookie],
      ['', victim.token],
      [`__Host-csrf=${'A'.repeat(43)}`, victim.token],
      [`csrf=${victim.cookie}`, victim.token],
    ];
    for (const [cookie, token] of cases) {
      const res = await login(cookie, token);
      expect(res.status, `${cookie} ${String(token)}`).toBe(403);
      expect(setCookies(res).some((c) => c.startsWith('__Host-sid'))).toBe(false);
    }
    expect(store.size).toBe(0);
    expect(records).toEqual([]);
    expect((await login(`__Host-csrf=${victim.cookie}`, victim.token)).status).toBe(302);
  });

  it('SEC-CSRF-02 never accepts the anonymous token from the query string', async () => {
    const { app } = createFixture();
    const { client, token } = await anonymousPair(app);
    const res = await client.post(`/login?_csrf=${encodeURIComponent(token)}`).set(HTTPS).type('form').send({ username: 'alice', password: PASSWORD });
    expect(res.status).toBe(403);
  });

  it('SEC-CSRF-03 after login the anonymous token is refused, even with its cookie: only the session token works', async () => {
    const { app } = createFixture();
    const { client, token } = await anonymousPair(app);
    expect((await client.post('/login').set(HTTPS).type('form').send({ username: 'alice', password: PASSWORD, _csrf: token })).status).toBe(302);
    expect(client.jar.has('__Host-csrf')).toBe(true);
    expect((await client.post('/logout').set(HTTPS).type('form').send({ _csrf: token })).status).toBe(403);
    expect((await client.get('/dashboard').set(HTTPS)).status).toBe(200);
  });

  it.each([
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Origin: https://evil.example', { Origin: 'https://evil.example' }],
    ['Origin: null', { Origin: 'null' }],
    ['Origin: null from a cross-site opaque origin', { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' }],
  ])('SEC-CSRF-04 refuses a valid anonymous token with %s', async (_label, headers) => {
    const { app, records } = createFixture();
    const { client, token } = await anonymousPair(app);
    const res = await client.post('/login').set(HTTPS).set(headers).type('form').send({ username: 'alice', password: PASSWORD, _csrf: token });
    expect(res.status).toBe(403);
    expect(records).toEqual([]);
  });

  it('SEC-CSRF-04 accepts Origin: null with Sec-Fetch-Site: same-origin (a form on a no-referrer page), still only with the token', async () => {
    const { app } = createFixture();
    const { client, token } = await anonymousPair(app);
    const noReferrerPage = { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' };
    expect((await client.post('/login').set(HTTPS).set(noReferrerPage).type('form').send({ username: 'alice', password: PASSWORD, _csrf: 'x'.repeat(43) })).status).toBe(403);
    expect((await client.post('/login').set(HTTPS).set(noReferrerPage).type('form').send({ username: 'alice', password: PASSWORD, _csrf: token })).status).toBe(302);
  });

  it('key rotation: a token signed under the previous key still verifies; one under an unknown key does not', async () => {
    const old = createFixture({ keys: [KEYS[0] ?? ''] });
    const { cookie, token } = await anonymousPair(old.app);
    const post = (app: Parameters<typeof agent>[0]) =>
      agent(app).post('/login').set(HTTPS).set('Cookie', `__Host-csrf=${cookie}`).type('form').send({ username: 'alice', password: PASSWORD, _csrf: token });
    const rotated = createFixture({ keys: [`${'n'.repeat(32)}-new-key`, KEYS[0] ?? ''] });
    expect((await post(rotated.app)).status).toBe(302);
    const other = createFixture({ keys: [`${'n'.repeat(32)}-new-key`] });
    expect((await post(other.app)).status).toBe(403);
    // The newest key signs: the rotated app gives the same cookie a different token.
    const client = agent(rotated.app);
    client.jar.set('__Host-csrf', cookie);
    expect(await tokenOf(client)).not.toBe(token);
  });
});
