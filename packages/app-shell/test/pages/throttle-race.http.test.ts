import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { AccountServices, AppConfig } from '../../src/app/index.js';
import type { PasswordHasher } from '@acme/auth-core';
import { client, register, TEST_ORIGIN, TEST_PASSWORD, type TestAgent, tokenFrom } from '../../src/testing/index.js';
import { redisUrl, requireRedis } from '../services.js';
import { arrivalGate, type ArrivalGate, holdCalls } from './gate.js';
import { loginAttempt, shippedAppPerTest } from './shipped-app.js';

/**
 * Parallel guesses against the shipped routes. Each test holds the requests at one point until
 * all of them are there (the password check, or the throttle's door), so "all in flight at once"
 * is certain; only a limit that counts each attempt atomically before its check holds then.
 */
const PARALLEL = 30;

await requireRedis();
const redisPrefix = `test:throttle-race:${process.pid}:${Date.now()}:`;
let tests = 0;
afterAll(async () => {
  const admin = new Redis(redisUrl);
  const keys = await admin.keys(`${redisPrefix}*`);
  if (keys.length > 0) await admin.del(...keys);
  await admin.quit();
});

/**
 * A hasher whose `verify` is counted and held at `gate` once `counter.armed` is set (the sign-in
 * that follows a sign-up passes freely): the number of password checks made.
 */
function heldVerifications(hasher: PasswordHasher, gate: ArrivalGate) {
  const counter = { calls: 0, armed: false };
  const held: PasswordHasher = {
    ...hasher,
    async verify(stored, password) {
      if (!counter.armed) return hasher.verify(stored, password);
      counter.calls += 1;
      await gate.arrive();
      return hasher.verify(stored, password);
    },
  };
  return { held, counter };
}

/** Sends every request at once; one that is answered while the gate is still shut has arrived too (it never reached the check). */
function fireAll<T>(requests: (() => PromiseLike<T>)[], gate: ArrivalGate): Promise<T[]> {
  return Promise.all(
    requests.map(async (send) => {
      const res = await send();
      void gate.arrive();
      return res;
    }),
  );
}

const statuses = (results: { status: number }[]) => results.map((r) => r.status).sort();

describe.each([
  ['memory counters', (): Partial<AppConfig> => ({})],
  ['Redis counters', (): Partial<AppConfig> => ({ redisUrl, redisPrefix: `${redisPrefix}${(tests += 1)}:` })],
])('parallel attempts on %s', (_, counters) => {
  const open = shippedAppPerTest();

  it('SEC-AUTH-03 30 parallel wrong passwords: only 10 are checked, the rest 429; then the right password is 429', async () => {
    const gate = arrivalGate(PARALLEL);
    let verifications = { calls: 0, armed: false };
    const web = await open({
      config: counters(),
      wrap: (services: AccountServices) => {
        const { held, counter } = heldVerifications(services.hasher, gate);
        verifications = counter;
        return { hasher: held };
      },
    });
    expect((await register(client(web), 'alice')).status).toBe(302);
    verifications.armed = true;
    const agents = Array.from({ length: PARALLEL }, () => client(web));
    const tokens = await Promise.all(agents.map((agent) => tokenFrom(agent, '/login')));
    const results = await fireAll(
      agents.map((agent, i) => () => agent.post('/login').set('Origin', TEST_ORIGIN).type('form').send({ username: 'alice', password: 'wrong password', _csrf: tokens[i] })),
      gate,
    );
    expect(verifications.calls).toBe(10);
    expect(statuses(results)).toEqual([...Array<number>(10).fill(400), ...Array<number>(PARALLEL - 10).fill(429)]);
    for (const res of results.filter((r) => r.status === 429)) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    const right = await loginAttempt(web, 'alice', TEST_PASSWORD);
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(3000);
    expect(verifications.calls).toBe(10);
  });

  it('SEC-AUTH-12 30 parallel wrong current passwords: only 10 are checked, the rest 429; then the right one is 429', async () => {
    const gate = arrivalGate(PARALLEL);
    let verifications = { calls: 0, armed: false };
    const web = await open({
      config: counters(),
      wrap: (services: AccountServices) => {
        const { held, counter } = heldVerifications(services.hasher, gate);
        verifications = counter;
        return { hasher: held };
      },
    });
    const alice: TestAgent = client(web);
    expect((await register(alice, 'alice')).status).toBe(302);
    verifications.armed = true;
    const before = (await web.services.users.findByUsername('alice'))?.passwordHash;
    const _csrf = await tokenFrom(alice, '/account/password');
    const change = (current: string) =>
      alice.post('/account/password').set('Origin', TEST_ORIGIN).type('form').send({ current, new: 'copper meadow lantern tide', _csrf });
    const results = await fireAll(
      Array.from({ length: PARALLEL }, () => () => change('not my password')),
      gate,
    );
    expect(verifications.calls).toBe(10);
    expect(statuses(results)).toEqual([...Array<number>(10).fill(400), ...Array<number>(PARALLEL - 10).fill(429)]);
    for (const res of results.filter((r) => r.status === 429)) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await change(TEST_PASSWORD)).status).toBe(429);
    expect((await web.services.users.findByUsername('alice'))?.passwordHash).toBe(before);
  });

  it('SEC-AUTH-11 30 parallel sign-ups from one IP: at most 20 accounts are made, the rest 429', async () => {
    // Held at the throttle's door (whatever the route calls on it): every request is there
    // before any is let through, as when each waits on a Redis round trip.
    const gate = arrivalGate(PARALLEL);
    const web = await open({
      config: counters(),
      wrap: (services: AccountServices) => ({ registrationThrottle: holdCalls(services.registrationThrottle, gate) }),
    });
    const agents = Array.from({ length: PARALLEL }, () => client(web));
    const tokens = await Promise.all(agents.map((agent) => tokenFrom(agent, '/register')));
    const results = await Promise.all(
      agents.map((agent, i) =>
        agent.post('/register').set('Origin', TEST_ORIGIN).type('form').send({ username: `user${i}`, email: `user${i}@example.test`, password: TEST_PASSWORD, _csrf: tokens[i] }),
      ),
    );
    const made = await Promise.all(agents.map((_agent, i) => web.services.users.findByUsername(`user${i}`)));
    expect(made.filter((user) => user !== undefined)).toHaveLength(20);
    expect(statuses(results)).toEqual([...Array<number>(20).fill(302), ...Array<number>(PARALLEL - 20).fill(429)]);
    for (const res of results.filter((r) => r.status === 429)) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
