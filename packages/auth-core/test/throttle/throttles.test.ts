import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MAIL_LIMITS, THROTTLE_LIMITS } from '../../src/config/defaults.js';
import {
  createFailureThrottle,
  createLoginThrottle,
  createPasswordResetThrottles,
  createRegistrationThrottle,
  type FailureThrottle,
  type RequestThrottle,
} from '../../src/throttle/index.js';
import { redisUrl, requireRedis } from '../services.js';

await requireRedis();
const prefix = `test:throttles:${process.pid}:${Date.now()}`;
const redis = new Redis(redisUrl);
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

/** Small numbers, so a test takes a handful of attempts: 3 per username+IP, 4 per IP per day. */
const SMALL = { ...THROTTLE_LIMITS, usernameIpFailures: 3, ipFailuresPerDay: 4 };

describe.each([
  ['memory', () => ({})],
  ['Redis', () => ({ redis, prefix: `${prefix}:${Math.random().toString(36).slice(2)}` })],
])('throttles on %s counters', (_, store) => {
  it('SEC-AUTH-03 count each attempt atomically: 100 at once on a limit of 10 let exactly 10 through', async () => {
    const throttle = createFailureThrottle({ ...store(), name: 'codes', limit: 10, blockSeconds: 60 });
    const attempts = await Promise.all(Array.from({ length: 100 }, () => throttle.attempt('u1')));
    expect(attempts.filter((a) => a.allowed)).toHaveLength(10);
    for (const a of attempts) if (!a.allowed) expect(a.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('SEC-AUTH-04 a sign-in gives back its point on the IP day counter once, however often `succeeded` is called', async () => {
    const throttle = createLoginThrottle(store(), SMALL);
    for (const name of ['a', 'b', 'c']) expect((await throttle.attempt(name, '192.0.2.1')).allowed).toBe(true);
    const success = await throttle.attempt('d', '192.0.2.1');
    if (!success.allowed) throw new Error('the 4th attempt of the day is allowed');
    await success.succeeded();
    await success.succeeded();
    expect((await throttle.attempt('e', '192.0.2.1')).allowed).toBe(true); // 4 failures: the day's allowance
    expect((await throttle.attempt('f', '192.0.2.1')).allowed).toBe(false);
  });

  it('SEC-AUTH-03 a sign-in clears the username+IP run of failures', async () => {
    const throttle = createLoginThrottle(store(), { ...SMALL, ipFailuresPerDay: 100 });
    for (let i = 0; i < 2; i += 1) expect((await throttle.attempt('alice', '192.0.2.1')).allowed).toBe(true);
    const success = await throttle.attempt('Alice', '192.0.2.1');
    if (!success.allowed) throw new Error('the 3rd attempt is allowed');
    await success.succeeded();
    for (let i = 0; i < 3; i += 1) expect((await throttle.attempt('alice', '192.0.2.1')).allowed).toBe(true);
    expect((await throttle.attempt('alice', '192.0.2.1')).allowed).toBe(false);
  });

  it('SEC-AUTH-11 a request throttle counts every request and has nothing to give back', async () => {
    const throttle = createRegistrationThrottle(store());
    const decisions = await Promise.all(Array.from({ length: 25 }, () => throttle.attempt('192.0.2.1')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(THROTTLE_LIMITS.registrationsPerHour);
    expect(decisions.some((d) => 'succeeded' in d)).toBe(false);
    expect(throttle.counts).toBe('requests');
  });

  it('part of SEC-RESET-01: forgot-password requests are counted per address and per IP, in parallel, never given back', async () => {
    const resets = createPasswordResetThrottles(store());
    const perAddress = await Promise.all(Array.from({ length: 12 }, () => resets.address.attempt('owner@example.com')));
    expect(perAddress.filter((d) => d.allowed)).toHaveLength(MAIL_LIMITS.resetRequestsPerAddressPerHour);
    expect((await resets.address.attempt('other@example.com')).allowed).toBe(true);
    const perIp = await Promise.all(Array.from({ length: 30 }, () => resets.ip.attempt('192.0.2.9')));
    expect(perIp.filter((d) => d.allowed)).toHaveLength(MAIL_LIMITS.resetRequestsPerIpPerHour);
    expect(resets.ip.counts).toBe('requests');
  });
});

describe('throttle types', () => {
  it('refuse a request throttle where a failure throttle is expected', () => {
    const needsFailures = (throttle: FailureThrottle) => throttle.counts;
    const needsRequests = (throttle: RequestThrottle) => throttle.counts;
    // @ts-expect-error a request throttle has no success to give back
    expect(() => needsFailures(createRegistrationThrottle())).not.toThrow();
    // @ts-expect-error a failure throttle would be given back where requests must stay counted
    expect(() => needsRequests(createFailureThrottle({ name: 'x', limit: 1, blockSeconds: 1 }))).not.toThrow();
  });

  it('fail closed when the counter store is down', async () => {
    const down = new Redis(redisUrl, { lazyConnect: true, enableOfflineQueue: false });
    const throttle = createLoginThrottle({ redis: down, prefix });
    await expect(throttle.attempt('alice', '192.0.2.1')).rejects.toThrow();
    down.disconnect();
  });
});
