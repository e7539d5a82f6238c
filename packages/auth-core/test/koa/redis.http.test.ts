import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createLoginThrottle, digestSessionId } from '../../src/index.js';
import { RedisSessionStore } from '../../src/stores/redis.js';
import { redisUrl, requireRedis } from '../services.js';
import { agent, sidOf, signIn, tokenOf } from './agent.js';
import { createFixture, HTTPS } from './fixture.js';

await requireRedis();
const prefix = `test:http:${process.pid}:${Date.now()}:`;
const admin = new Redis(redisUrl);
afterAll(async () => {
  const keys = await admin.keys(`${prefix}*`);
  if (keys.length > 0) await admin.del(...keys);
  await admin.quit();
});

/** Two app instances sharing one Redis for sessions and throttle counters, as behind a load balancer. */
function twoInstances() {
  const mk = () => {
    const store = new RedisSessionStore({ url: redisUrl, prefix });
    const redis = new Redis(redisUrl);
    return { fixture: createFixture({ store }), throttle: createLoginThrottle({ redis, prefix: `${prefix}rl` }), store, redis };
  };
  return [mk(), mk()] as const;
}

describe('several instances on one Redis', () => {
  it('SEC-SESS-11 a login on A is valid on B; logout on B is honoured by A; the TTL is set', async () => {
    const [a, b] = twoInstances();
    const onA = agent(a.fixture.app);
    const res = await signIn(onA);
    const sid = sidOf(res) ?? '';
    const sig = sidOf(res, '__Host-sid.sig') ?? '';
    const onB = agent(b.fixture.app);
    onB.jar.set('__Host-sid', sid);
    onB.jar.set('__Host-sid.sig', sig);
    expect((await onB.get('/dashboard').set(HTTPS)).status).toBe(200);
    const pttl = await admin.pttl(a.store.sessionKey(digestSessionId(onB.jar.get('__Host-sid') ?? '')));
    expect(pttl).toBeGreaterThan(30 * 60_000);
    expect(pttl).toBeLessThanOrEqual(30 * 60_000 + 10_000);
    const _csrf = await tokenOf(onB);
    expect((await onB.post('/logout').set(HTTPS).type('form').send({ _csrf })).status).toBe(302);
    const replay = await agent(a.fixture.app).get('/dashboard').set(HTTPS).set('Cookie', `__Host-sid=${sid}; __Host-sid.sig=${sig}`);
    expect(replay.status).toBe(302);
    for (const x of [a, b]) {
      await x.store.close();
      x.redis.disconnect();
    }
  });

  it('SEC-SESS-11 failures split across instances hit one throttle counter', async () => {
    const [a, b] = twoInstances();
    const user = `victim-${Date.now()}`;
    const ip = '203.0.113.9';
    for (let i = 0; i < 10; i += 1) {
      const attempt = await (i % 2 === 0 ? a : b).throttle.attempt(user, ip);
      expect(attempt.allowed).toBe(true);
    }
    const eleventh = await a.throttle.attempt(user, ip);
    expect(eleventh.allowed).toBe(false);
    for (const x of [a, b]) {
      await x.store.close();
      x.redis.disconnect();
    }
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const probe = new Redis({ port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  for (let i = 0; i < 50; i += 1) {
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return child;
    } catch {
      probe.disconnect();
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`redis-server did not start on port ${port}`);
}

describe('Redis outage', () => {
  it('answers 503 (never 500, never a silent logout) while Redis is down, and recovers by itself', async () => {
    const port = await freePort();
    let server = await startRedis(port);
    const store = new RedisSessionStore({ url: `redis://127.0.0.1:${port}`, prefix });
    const { app } = createFixture({ store });
    const client = agent(app);
    expect((await signIn(client)).status).toBe(302);
    expect((await client.get('/dashboard').set(HTTPS)).status).toBe(200);
    const cookies = new Map(client.jar);

    server.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    const during = await client.get('/dashboard').set(HTTPS);
    expect(during.status).toBe(503);
    expect(during.headers['retry-after']).toBeDefined();
    expect(during.headers['set-cookie']).toBeUndefined(); // the cookie is kept: no silent logout

    server = await startRedis(port);
    // This Redis keeps nothing on disk, so the session is gone after the restart: the point here
    // is that the same app instance answers again (a redirect to login, not a 503) on its own.
    client.jar.clear();
    cookies.forEach((v, k) => client.jar.set(k, v));
    let status = 0;
    for (let i = 0; i < 50 && status !== 302 && status !== 200; i += 1) {
      status = (await client.get('/dashboard').set(HTTPS)).status;
      if (status === 503) await new Promise((r) => setTimeout(r, 200));
    }
    expect([200, 302]).toContain(status);
    expect(status).not.toBe(500);
    await store.close();
    server.kill('SIGKILL');
  }, 30_000);
});
