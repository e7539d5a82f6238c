import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, logIn, ORIGIN, register, testApp, tokenFrom } from '../demo.js';
import { startPrivatePostgres, startPrivateRedis, waitFor, type PrivatePostgres, type PrivateRedis } from './servers.js';

type Demo = Awaited<ReturnType<typeof testApp>>;

/** The cookie header a response set, ready to replay on another instance. */
function cookieOf(res: { headers: Record<string, unknown> }): string {
  const set = res.headers['set-cookie'];
  return (Array.isArray(set) ? (set as string[]) : []).map((c) => c.split(';')[0]).join('; ');
}

/**
 * Faults on the production pair, each on its own PostgreSQL cluster and redis-server (spare
 * ports), so stopping them disturbs nothing else.
 */
describe('resilience on a private PostgreSQL + Redis', () => {
  let postgres: PrivatePostgres;
  let redis: PrivateRedis;
  let a: Demo;
  let b: Demo;

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
    // Two instances as behind a load balancer: one database, one Redis, the same signing keys.
    const shared = { databaseUrl: postgres.url, redisUrl: redis.url, sessionKeys: ['2k/RJFivQEhC85/afeAQ7JPouSfKSjYOIX4Hmuaw0lA='] };
    // Started together on an empty database: both run the migrations at once, and both must succeed.
    [a, b] = await Promise.all([testApp(shared), testApp(shared)]);
  }, 60_000);

  afterAll(async () => {
    await a.close();
    await b.close();
    await Promise.all([postgres.destroy(), redis.stop()]);
  }, 30_000);

  it('honours "log out everywhere" on instance B at once on instance A, for every session', async () => {
    const first = await register(client(a), 'everywhere');
    expect(first.status).toBe(302);
    const onA = cookieOf(first);
    const onB = client(b);
    const second = await logIn(onB, 'everywhere');
    expect(second.headers.location).toBe('/dashboard');
    expect((await client(a).get('/dashboard').set('Cookie', onA)).status).toBe(200);

    const _csrf = await tokenFrom(onB, '/account/sessions');
    expect((await onB.post('/account/sessions/revoke-all').set('Origin', ORIGIN).type('form').send({ _csrf })).headers.location).toBe('/login');

    // The very next request on A, with A's own session, is anonymous again.
    const after = await client(a).get('/dashboard').set('Cookie', onA);
    expect(after.status).toBe(302);
    expect(after.headers.location).toMatch(/^\/login/);
    expect((await onB.get('/dashboard')).status).toBe(302);
  });

  it('answers 503 (not 500) while PostgreSQL is down, keeps the session, and recovers by itself', async () => {
    const res = await register(client(a), 'survivor');
    const cookie = cookieOf(res);
    expect((await client(a).get('/dashboard').set('Cookie', cookie)).status).toBe(200);

    await postgres.stop();
    let during;
    try {
      during = await Promise.all([
      client(a).get('/dashboard').set('Cookie', cookie),
      client(b).get('/dashboard').set('Cookie', cookie),
      register(client(b), 'during-outage'),
      client(a).get('/healthz'),
      ]);
    } finally {
      await postgres.start();
    }
    expect(during.map((r) => r.status)).toEqual([503, 503, 503, 503]);
    expect(during[0]?.headers['retry-after']).toBeDefined();
    expect(during[0]?.text).not.toMatch(/ECONNREFUSED|postgres|stack/i);

    // The pools reconnect on their own; the same cookie is still signed in (no silent logout).
    await waitFor('instance A to recover', async () => {
      const again = await client(a).get('/dashboard').set('Cookie', cookie);
      if (again.status !== 200) throw new Error(`status ${again.status}`);
    });
    const onB = await client(b).get('/dashboard').set('Cookie', cookie);
    expect(onB.status).toBe(200);
    expect(onB.text).toContain('Hello, survivor');
    expect((await client(b).get('/healthz')).body).toEqual({ status: 'ok', database: 'ok', sessions: 'ok' });
  }, 60_000);

  it('refuses to start with a clear error naming the database when PostgreSQL is down', async () => {
    await postgres.stop();
    try {
      const url = postgres.url.replace('postgres@', 'postgres:secret@');
      await expect(testApp({ databaseUrl: url, redisUrl: redis.url })).rejects.toThrow(
        new RegExp(`Could not prepare the database at postgres://postgres:\\*\\*\\*@127\\.0\\.0\\.1:${postgres.port}/postgres: .*DATABASE_URL`),
      );
    } finally {
      await postgres.start();
    }
  }, 30_000);
});
