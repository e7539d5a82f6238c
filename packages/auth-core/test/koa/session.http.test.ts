import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { digestSessionId, MemoryStore, SESSION_TIMEOUTS } from '../../src/index.js';
import { createSession } from '../../src/koa/index.js';
import { SqliteSessionStore } from '../../src/stores/sqlite.js';
import { agent, setCookies, sidOf, signIn, tokenOf } from './agent.js';
import { createFixture, HTTPS, KEYS } from './fixture.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('server-side sessions over HTTP', () => {
  it('SEC-SESS-01 the cookie holds only an opaque 43-character id, never session data', async () => {
    const { app } = createFixture();
    const res = await signIn(agent(app));
    expect(res.status).toBe(302);
    const sid = sidOf(res);
    expect(sid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // 32 random bytes, not an encoding of the session: it neither parses as JSON nor names a field.
    // (A lone "{" among random bytes proves nothing: about one id in eight contains one.)
    const decoded = Buffer.from(sid ?? '', 'base64url');
    expect(decoded).toHaveLength(32);
    expect(decoded.toString('latin1')).not.toContain('userId');
    expect(() => JSON.parse(decoded.toString('utf8')) as unknown).toThrow();
    expect(setCookies(res).join(';')).not.toMatch(/userId|authEpoch|%7B/i);
  });

  it('SEC-SESS-01 createSession refuses to start without a store', () => {
    const app = new Koa();
    expect(() => createSession(app, { store: undefined, keys: KEYS })).toThrow(/No session store/);
  });

  it('SEC-SESS-02 1,000 logins give 1,000 distinct 256-bit ids, none a UUID', async () => {
    const { app } = createFixture();
    const ids = new Set<string>();
    for (let i = 0; i < 1000; i += 1) {
      const client = agent(app);
      const token = await tokenOf(client);
      const res = await client.post('/login').set(HTTPS).type('form').send({ username: 'alice', password: 'correct horse battery staple', _csrf: token });
      const sid = sidOf(res) ?? '';
      expect(Buffer.from(sid, 'base64url')).toHaveLength(32);
      expect(sid).not.toMatch(UUID);
      ids.add(sid);
    }
    expect(ids.size).toBe(1000);
  }, 120_000);

  it('SEC-SESS-03 regenerates the id at login, kills the old one and carries no pre-login data', async () => {
    const { app, store } = createFixture();
    const client = agent(app);
    const token = await tokenOf(client);
    // A GET never creates S0 (anonymous state row); a POST that writes to the session does.
    expect(client.jar.has('__Host-sid')).toBe(false);
    const marker = await client.post('/marker').set(HTTPS).send({ _csrf: token });
    const s0 = sidOf(marker) ?? '';
    expect(s0).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await expect(store.get(digestSessionId(s0))).resolves.toMatchObject({ foo: 'pre-login marker' });
    const res = await client.post('/login').set(HTTPS).type('form').send({ username: 'alice', password: 'correct horse battery staple', _csrf: token });
    const s1 = sidOf(res);
    expect(s1).toBeDefined();
    expect(s1).not.toBe(s0);
    await expect(store.get(digestSessionId(s0))).resolves.toBeUndefined();
    const data = await client.get('/session-data').set(HTTPS);
    expect(data.body).not.toHaveProperty('foo');
    expect(data.body).toMatchObject({ userId: 'u-alice' });
    const replay = await agent(app).get('/dashboard').set(HTTPS).set('Cookie', `__Host-sid=${s0}`);
    expect(replay.status).toBe(302);
    expect(replay.headers.location).toBe('/login?next=%2Fdashboard');
  });

  it('SEC-SESS-04 never adopts an unknown or forged id', async () => {
    const { app, store } = createFixture();
    const client = agent(app);
    const token = await tokenOf(client);
    // The anonymous POST writes to the session, so the response must issue an id of its own.
    const res = await client.post('/marker').set(HTTPS).set('Cookie', `__Host-csrf=${client.jar.get('__Host-csrf') ?? ''}; __Host-sid=attacker123; __Host-sid.sig=forged`).send({ _csrf: token });
    expect(res.status).toBe(200);
    const issued = sidOf(res);
    expect(issued).toBeDefined();
    expect(issued).not.toBe('attacker123');
    await expect(store.get('attacker123')).resolves.toBeUndefined();
    await expect(store.get(digestSessionId('attacker123'))).resolves.toBeUndefined();
    const login = await signIn(client);
    expect(sidOf(login)).not.toBe('attacker123');
  });

  it('SEC-SESS-06 ends a session idle for longer than the idle timeout, server-side', async () => {
    const { app, clock, store } = createFixture();
    const client = agent(app);
    const res = await signIn(client);
    const sid = sidOf(res) ?? '';
    clock.advance(SESSION_TIMEOUTS.idleMs - 1000);
    expect((await client.get('/dashboard').set(HTTPS)).status).toBe(200);
    clock.advance(SESSION_TIMEOUTS.idleMs + 1000);
    const after = await client.get('/dashboard').set(HTTPS);
    expect(after.status).toBe(302);
    expect(after.headers.location).toBe('/login?next=%2Fdashboard');
    await expect(store.get(digestSessionId(sid))).resolves.toBeUndefined();
  });

  it('SEC-SESS-07 ends a session at the absolute timeout despite activity', async () => {
    const { app, clock } = createFixture();
    const client = agent(app);
    await signIn(client);
    let elapsed = 0;
    while (elapsed + SESSION_TIMEOUTS.idleMs / 2 < SESSION_TIMEOUTS.absoluteMs) {
      clock.advance(SESSION_TIMEOUTS.idleMs / 2);
      elapsed += SESSION_TIMEOUTS.idleMs / 2;
      expect((await client.get('/dashboard').set(HTTPS)).status).toBe(200);
    }
    clock.advance(SESSION_TIMEOUTS.absoluteMs - elapsed + 1000);
    const res = await client.get('/dashboard').set(HTTPS);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/login?next=%2Fdashboard');
  });

  it('SEC-SESS-09 a disabled or deleted user loses every session on the next request', async () => {
    const { app, users, store } = createFixture();
    const a = agent(app);
    const b = agent(app);
    await signIn(a);
    const sidB = sidOf(await signIn(b)) ?? '';
    const alice = users.get('alice');
    if (alice) alice.disabled = true;
    expect((await a.get('/dashboard').set(HTTPS)).status).toBe(302);
    expect((await b.get('/dashboard').set(HTTPS)).status).toBe(302);
    await expect(store.get(digestSessionId(sidB))).resolves.toBeUndefined();
    if (alice) alice.disabled = false;
    const c = agent(app);
    await signIn(c);
    users.delete('alice');
    expect((await c.get('/dashboard').set(HTTPS)).status).toBe(302);
  });

  it('SEC-SESS-05 logout destroys the record, expires the cookie, clears site data; GET /logout changes nothing', async () => {
    const { app, store } = createFixture();
    const client = agent(app);
    const sid = sidOf(await signIn(client)) ?? '';
    expect((await client.get('/logout').set(HTTPS)).status).toBe(405);
    expect((await client.get('/dashboard').set(HTTPS)).status).toBe(200);
    const dash = await client.get('/dashboard').set(HTTPS);
    const token = /dashboard (\S+)/.exec(dash.text)?.[1] ?? '';
    const res = await client.post('/logout').set(HTTPS).type('form').send({ _csrf: token });
    expect(res.status).toBe(302);
    expect(res.headers['clear-site-data']).toBe('"cache", "storage"');
    const cleared = setCookies(res).find((c) => c.startsWith('__Host-sid='));
    expect(cleared).toMatch(/^__Host-sid=;.*expires=Thu, 01 Jan 1970 00:00:00 GMT/i);
    expect(cleared).toMatch(/path=\//i);
    expect(cleared).toMatch(/secure/i);
    expect(cleared).toMatch(/httponly/i);
    await expect(store.get(digestSessionId(sid))).resolves.toBeUndefined();
    const replay = await agent(app).get('/dashboard').set(HTTPS).set('Cookie', `__Host-sid=${sid}`);
    expect(replay.status).toBe(302);
  });
});

describe('session cookies', () => {
  it('SEC-CK-01 sets __Host-sid and its signature Secure, HttpOnly, Path=/, SameSite=Lax, without Domain', async () => {
    const { app } = createFixture();
    const res = await signIn(agent(app));
    for (const name of ['__Host-sid', '__Host-sid.sig']) {
      const cookie = setCookies(res).find((c) => c.startsWith(`${name}=`));
      expect(cookie, name).toBeDefined();
      expect(cookie).toMatch(/; path=\//i);
      expect(cookie).toMatch(/; secure/i);
      expect(cookie).toMatch(/; httponly/i);
      expect(cookie).toMatch(/; samesite=lax/i);
      expect(cookie).not.toMatch(/domain=/i);
    }
  });

  it('SEC-CK-02 rejects tampered cookies gracefully and accepts a cookie signed with the previous key', async () => {
    const { app } = createFixture();
    const login = await signIn(agent(app));
    const sid = sidOf(login) ?? '';
    const sig = sidOf(login, '__Host-sid.sig') ?? '';
    const tampered = [
      `__Host-sid=${sid.slice(0, -1)}${sid.endsWith('A') ? 'B' : 'A'}; __Host-sid.sig=${sig}`,
      `__Host-sid=${sid}`,
      `__Host-sid=${sid}; __Host-sid.sig=${sig.slice(1)}`,
      `__Host-sid=${sid.slice(0, 20)}; __Host-sid.sig=${sig}`,
      `__Host-sid=${'A'.repeat(4000)}; __Host-sid.sig=${sig}`,
      `__Host-sid=ünïcødé; __Host-sid.sig=${sig}`,
      `__Host-sid=${Buffer.from('{"userId":"u-alice"}').toString('base64')}; __Host-sid.sig=${sig}`,
    ];
    for (const cookie of tampered) {
      const res = await agent(app).get('/dashboard').set(HTTPS).set('Cookie', cookie);
      expect(res.status, cookie.slice(0, 60)).toBe(302);
      expect(res.headers.location).toBe('/login?next=%2Fdashboard');
    }
    // keys rotated: the old signing key is now second
    const rotated = createFixture({ keys: ['fZCTpdbvfj3Rt4r5jiUxHLhJMb54341qBHEMMyvtpyY=', KEYS[0] ?? ''] });
    const oldClient = agent(rotated.app);
    const oldLogin = await signIn(agent(rotated.app)); // signed with the new key
    expect(oldLogin.status).toBe(302);
    const before = createFixture({ store: rotated.store, keys: [KEYS[0] ?? ''] });
    const signedOld = await signIn(agent(before.app));
    const oldSid = sidOf(signedOld) ?? '';
    const oldSig = sidOf(signedOld, '__Host-sid.sig') ?? '';
    before.users.forEach((u, k) => rotated.users.set(k, u));
    const res = await oldClient.get('/dashboard').set(HTTPS).set('Cookie', `__Host-sid=${oldSid}; __Host-sid.sig=${oldSig}`);
    expect(res.status).toBe(200);
    const resigned = sidOf(res, '__Host-sid.sig');
    expect(resigned).toBeDefined();
    expect(resigned).not.toBe(oldSig);
  });

  it('SEC-CK-02 a duplicated cookie never causes a 500', async () => {
    const { app } = createFixture();
    const res = await agent(app).get('/dashboard').set(HTTPS).set('Cookie', '__Host-sid=a; __Host-sid=b; __Host-sid.sig=x; __Host-sid.sig=y');
    expect(res.status).toBe(302);
  });

  it('SEC-CK-03 sets no cookies but __Host-sid (+ .sig) and __Host-csrf, each under 4096 bytes, none holding user data', async () => {
    const { app } = createFixture();
    const client = agent(app);
    const cookies = [...setCookies(await client.get('/login').set(HTTPS)), ...setCookies(await signIn(client))];
    cookies.push(...setCookies(await client.get('/dashboard').set(HTTPS)));
    expect(new Set(cookies.map((c) => c.split('=')[0]))).toEqual(new Set(['__Host-csrf', '__Host-sid', '__Host-sid.sig']));
    for (const c of cookies) {
      expect(Buffer.byteLength(c)).toBeLessThan(4096);
      expect(c).not.toMatch(/alice|u-alice|userId|%7B/i);
    }
  });

  it.each([
    ['no keys', { keys: [] as string[] }, /No cookie signing keys/],
    ['a key under 32 bytes', { keys: ['short-key'] }, /at least 32/],
    ['secure: false', { secure: false }, /must be Secure/],
    ['a name without __Host-', { cookieName: 'sid' }, /__Host-/],
    ['no store', { store: undefined }, /No session store/],
    ['the memory store', { store: new MemoryStore({ sweepIntervalMs: 0 }) }, /MemoryStore/],
  ])('SEC-CK-04 production refuses an unsafe configuration: %s', (_label, override, message) => {
    const app = new Koa();
    const base = { store: new SqliteSessionStore({ purgeIntervalMs: 0 }), keys: KEYS, secure: true, production: true };
    expect(() => createSession(app, { ...base, ...override })).toThrow(message);
  });

  it('SEC-CK-04 production accepts a safe configuration', () => {
    const store = new SqliteSessionStore({ purgeIntervalMs: 0 });
    expect(() => createSession(new Koa(), { store, keys: KEYS, secure: true, production: true })).not.toThrow();
  });
});
