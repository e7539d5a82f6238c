import path from 'node:path';
import Database from 'better-sqlite3';
import { MemoryStore } from '@acme/auth-core';
import { freshSqliteDatabase } from '@acme/app-shell/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import type { AppConfig } from '../src/config.js';
import { client, demoPerTest, ORIGIN, PASSWORD, register, tokenIn, type TestDemo } from './demo.js';
import { redisUrl, requireRedis } from './services.js';

const demo = demoPerTest();
const REDIS_PREFIX = `demo-anon-test:${process.pid}:${Date.now()}:`;
const admin = new Redis(redisUrl, { lazyConnect: true });
afterAll(async () => {
  if (admin.status === 'ready') {
    const keys = await admin.keys(`${REDIS_PREFIX}*`);
    if (keys.length > 0) await admin.del(...keys);
  }
  admin.disconnect();
});

/** A demo on one session store, and a way to count the records it holds (read behind the store's back). */
async function demoOn(kind: 'memory' | 'sqlite' | 'redis'): Promise<{ d: TestDemo; size: () => Promise<number> }> {
  if (kind === 'memory') {
    const d = await demo({ sessionStore: 'memory' });
    const store = d.services.sessions;
    if (!(store instanceof MemoryStore)) throw new Error('expected the memory store');
    return { d, size: () => Promise.resolve(store.size) };
  }
  if (kind === 'sqlite') {
    const fresh = await freshSqliteDatabase();
    onTestFinished(() => fresh.drop());
    const d = await demo({ sessionStore: 'sqlite', databaseUrl: fresh.url });
    const file = new Database(path.join(path.dirname(fresh.url), 'sessions.db'), { readonly: true });
    onTestFinished(() => void file.close());
    const count = file.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM sessions');
    return { d, size: () => Promise.resolve(count.get()?.n ?? -1) };
  }
  await requireRedis(redisUrl);
  if (admin.status !== 'ready') await admin.connect();
  const prefix = `${REDIS_PREFIX}${kind}:`;
  const overrides: Partial<AppConfig> = { sessionStore: 'redis', redisUrl, redisPrefix: prefix };
  const d = await demo(overrides);
  return { d, size: async () => (await admin.keys(`${prefix}sess:*`)).length };
}

describe('anonymous visitors leave no server-side state', () => {
  it.each(['memory', 'sqlite', 'redis'] as const)(
    'SEC-SESS-03 300 cookieless GETs each of /, /login and /register leave the %s store unchanged',
    async (kind) => {
      const { d, size } = await demoOn(kind);
      const before = await size();
      for (let i = 0; i < 300; i += 1) {
        for (const page of ['/', '/login', '/register']) {
          const res = await client(d).get(page);
          expect(res.status).toBe(200);
          const cookies = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
          expect(cookies.filter((c) => c.startsWith('sid'))).toEqual([]);
        }
      }
      expect(await size()).toBe(before);
      // The count does move: one sign-up stores one session.
      expect((await register(client(d), 'alice')).status).toBe(302);
      expect(await size()).toBe(before + 1);
    },
    60_000,
  );

  it('SEC-CK-03 the home page sets no cookie; a form page sets only csrf (development), reused on the next form', async () => {
    const d = await demo();
    const home = await client(d).get('/');
    expect(home.headers['set-cookie']).toBeUndefined();
    const a = client(d);
    const login = await a.get('/login');
    const cookies = (login.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
    expect(cookies.map((c) => c.split('=')[0])).toEqual(['csrf']);
    expect(Buffer.byteLength(cookies[0] ?? '')).toBeLessThan(4096);
    const again = await a.get('/register');
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(tokenIn(again.text)).toBe(tokenIn(login.text));
  });

  it('a flash message for an anonymous visitor stores nothing', async () => {
    const { d, size } = await demoOn('memory');
    // Flash, then redirect: the usual pattern, where the message would wait in the session.
    d.router.get('/flash-probe', (ctx) => {
      ctx.flash('success', 'Hello, visitor.');
      ctx.redirect('/');
    });
    for (let i = 0; i < 10; i += 1) expect((await client(d).get('/flash-probe')).status).toBe(302);
    expect(await size()).toBe(0);
  });

  it('SEC-CSRF-01 /register refuses a missing, forged, other-cookie or cross-site token with 403 and creates nothing', async () => {
    const { d, size } = await demoOn('memory');
    const a = client(d);
    const token = tokenIn((await a.get('/register')).text);
    const otherToken = tokenIn((await client(d).get('/register')).text);
    const form = { username: 'mallory', email: 'mallory@example.test', password: PASSWORD };
    const attempts = [
      a.post('/register').set('Origin', ORIGIN).type('form').send(form),
      a.post('/register').set('Origin', ORIGIN).type('form').send({ ...form, _csrf: 'x'.repeat(43) }),
      a.post('/register').set('Origin', ORIGIN).type('form').send({ ...form, _csrf: otherToken }),
      client(d).post('/register').set('Origin', ORIGIN).type('form').send({ ...form, _csrf: token }),
      a.post('/register').set('Origin', 'https://evil.example').type('form').send({ ...form, _csrf: token }),
      a.post('/register').set('Sec-Fetch-Site', 'cross-site').type('form').send({ ...form, _csrf: token }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(403);
    expect(await d.services.users.count()).toBe(0);
    expect(await size()).toBe(0);
    expect((await a.post('/register').set('Origin', ORIGIN).type('form').send({ ...form, _csrf: token })).status).toBe(302);
  });
});
