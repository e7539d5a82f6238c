import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, logIn, ORIGIN, PASSWORD, register, testApp, tokenFrom } from './demo.js';
import { freshPostgresDatabase, redisUrl, requireRedis } from './services.js';

/**
 * The same flows on the production pair: users in PostgreSQL, sessions and throttle counters in
 * Redis, with two app instances sharing them as behind a load balancer.
 */
describe('demo on PostgreSQL + Redis', () => {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let a: Awaited<ReturnType<typeof testApp>>;
  let b: Awaited<ReturnType<typeof testApp>>;

  beforeAll(async () => {
    await requireRedis();
    database = await freshPostgresDatabase();
    // Two instances as behind a load balancer: same database, same Redis, same signing keys.
    const shared = { databaseUrl: database.url, redisUrl, redisPrefix: `test:${process.pid}:${Date.now()}:`, sessionKeys: ['XBMx5je87eC4nCJEExsh4odj4DecN6mEXozUGdiCRR8='] };
    a = await testApp(shared);
    b = await testApp(shared);
  }, 30_000);

  afterAll(async () => {
    await a.close();
    await b.close();
    await database.drop();
  });

  it('registers on PostgreSQL and keeps the session in Redis', async () => {
    const agent = client(a);
    const name = `pg${Date.now()}`;
    expect((await register(agent, name)).headers.location).toBe('/dashboard');
    expect((await agent.get('/dashboard')).text).toContain(`Hello, ${name}`);
    const user = await a.services.users.findByUsername(name.toUpperCase());
    expect(user?.username).toBe(name);
    expect(await a.services.sessions.listByUser(user?.id ?? '')).toHaveLength(1);
  });

  // Ten, not more: the registration throttle (20 per IP per hour) counts every test in this file.
  it('makes exactly one account from racing registrations of one name on PostgreSQL', async () => {
    const name = `race${Date.now()}`;
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => register(client(i % 2 ? a : b), name)));
    expect(results.filter((r) => r.status === 302)).toHaveLength(1);
    expect(results.filter((r) => r.status === 400).every((r) => r.text.includes('That username is taken'))).toBe(true);
  });

  it('SEC-SESS-11 a session made on one instance works on the other; logout on the other ends it', async () => {
    const onA = client(a);
    const name = `lb${Date.now()}`;
    const res = await register(onA, name);
    const cookie = ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).map((c) => c.split(';')[0]).join('; ');
    const onB = client(b);
    const dash = await onB.get('/dashboard').set('Cookie', cookie);
    expect(dash.status).toBe(200);
    expect(dash.text).toContain(`Hello, ${name}`);
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(dash.text)?.[1] ?? '';
    expect((await onB.post('/logout').set({ Origin: ORIGIN, Cookie: cookie }).type('form').send({ _csrf })).status).toBe(302);
    expect((await client(a).get('/dashboard').set('Cookie', cookie)).status).toBe(302);
  });

  it('reports both services healthy', async () => {
    const res = await client(a).get('/healthz');
    expect(res.body).toEqual({ status: 'ok', database: 'ok', sessions: 'ok' });
  });

  it('logs in on one instance after registering on the other', async () => {
    const name = `cross${Date.now()}`;
    await register(client(a), name);
    expect((await logIn(client(b), name, PASSWORD)).headers.location).toBe('/dashboard');
    const agent = client(b);
    await logIn(agent, name, PASSWORD);
    expect(await tokenFrom(agent, '/account/password')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
