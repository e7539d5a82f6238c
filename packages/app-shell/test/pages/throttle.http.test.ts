import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { client, register, TEST_PASSWORD } from '../../src/testing/index.js';
import { loginAttempt, type ShippedApp, shippedAppPerTest } from './shipped-app.js';

/** Login throttling through the shipped `POST /login` of `authRoutes`, in an app made by `createWebApp`. */
describe('login throttling', () => {
  const open = shippedAppPerTest();
  const withAlice = async (options?: Parameters<typeof open>[0]): Promise<ShippedApp> => {
    const web = await open(options);
    expect((await register(client(web), 'alice')).status).toBe(302);
    return web;
  };

  beforeEach(() => {
    // rate-limiter-flexible's memory counters expire with setTimeout and read Date.
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('SEC-AUTH-03 blocks a username+IP after 10 failures, even with the right password, for an hour; success resets', async () => {
    const web = await withAlice();
    for (let i = 0; i < 10; i += 1) expect((await loginAttempt(web, 'alice', 'wrong password')).status).toBe(400);
    const blocked = await loginAttempt(web, 'alice', TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(3000);
    vi.advanceTimersByTime(3600 * 1000 + 1000);
    expect((await loginAttempt(web, 'alice', TEST_PASSWORD)).status).toBe(302);
    for (let i = 0; i < 9; i += 1) expect((await loginAttempt(web, 'alice', 'wrong password')).status).toBe(400);
    expect((await loginAttempt(web, 'alice', TEST_PASSWORD)).status).toBe(302); // counter was back at 0
  });

  it('SEC-AUTH-04 caps failures per IP across usernames (password spraying)', async () => {
    const web = await open();
    for (let i = 0; i < 100; i += 1) await loginAttempt(web, `user${i}`, 'wrong password');
    expect((await loginAttempt(web, 'someone-new', 'wrong password')).status).toBe(429);
  }, 60_000);

  it('SEC-AUTH-05 caps failures per account from many IPs, temporarily', async () => {
    const web = await withAlice({ config: { trustProxy: 1 } });
    for (let i = 0; i < 100; i += 1) await loginAttempt(web, 'alice', 'wrong password', `10.0.${Math.floor(i / 250)}.${i % 250}`);
    expect((await loginAttempt(web, 'alice', TEST_PASSWORD, '192.0.2.77')).status).toBe(429);
    vi.advanceTimersByTime(3600 * 1000 + 1000);
    expect((await loginAttempt(web, 'alice', TEST_PASSWORD, '192.0.2.78')).status).toBe(302);
  }, 60_000);

  it('SEC-AUTH-05 attempts refused for a blocked username+IP do not use up the account allowance of other IPs', async () => {
    const web = await withAlice({ config: { trustProxy: 1 } });
    for (let i = 0; i < 10; i += 1) expect((await loginAttempt(web, 'alice', 'wrong password', '203.0.113.9')).status).toBe(400);
    for (let i = 0; i < 100; i += 1) expect((await loginAttempt(web, 'alice', 'wrong password', '203.0.113.9')).status).toBe(429);
    expect((await loginAttempt(web, 'alice', TEST_PASSWORD, '198.51.100.1')).status).toBe(302);
  }, 60_000);

  it('SEC-AUTH-06 normalizes usernames and throttles unknown users identically', async () => {
    const web = await withAlice();
    const variants = ['Alice', 'alice', 'ａｌｉｃｅ', 'ALICE '];
    for (let i = 0; i < 10; i += 1) await loginAttempt(web, variants[i % variants.length] ?? 'alice', 'wrong password');
    expect((await loginAttempt(web, 'alice', TEST_PASSWORD)).status).toBe(429);
    for (let i = 0; i < 10; i += 1) expect((await loginAttempt(web, 'nobody-here', 'wrong password')).status).toBe(400);
    expect((await loginAttempt(web, 'nobody-here', 'wrong password')).status).toBe(429);
  });

  it('SEC-AUTH-07 ignores X-Forwarded-For when no proxy is trusted', async () => {
    const web = await withAlice({ config: { trustProxy: 0 } });
    for (let i = 0; i < 10; i += 1) await loginAttempt(web, 'alice', 'wrong', `203.0.113.${i}`);
    expect((await loginAttempt(web, 'alice', TEST_PASSWORD, '198.51.100.1')).status).toBe(429);
  });

  it('SEC-AUTH-07 with a trusted proxy (maxIpsCount 1) takes the address the proxy saw', async () => {
    const web = await withAlice({ config: { trustProxy: 1 } });
    for (let i = 0; i < 10; i += 1) await loginAttempt(web, 'alice', 'wrong password', `1.1.1.${i}, 9.9.9.9`);
    expect((await loginAttempt(web, 'alice', TEST_PASSWORD, '8.8.8.8, 9.9.9.9')).status).toBe(429);
    expect((await loginAttempt(web, 'alice', TEST_PASSWORD, '9.9.9.9, 8.8.8.8')).status).toBe(302);
  });
});
