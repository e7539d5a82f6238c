import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agent, tokenOf } from './agent.js';
import { createFixture, HTTPS, PASSWORD } from './fixture.js';

type Fixture = ReturnType<typeof createFixture>;

async function attempt(f: Fixture, username: string, password: string, ip?: string) {
  const client = agent(f.app);
  const headers = ip ? { ...HTTPS, 'X-Forwarded-For': ip } : HTTPS;
  const _csrf = await tokenOf(client);
  return client.post('/login').set(headers).type('form').send({ username, password, _csrf });
}

describe('login throttling', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('SEC-AUTH-03 blocks a username+IP after 10 failures, even with the right password, for an hour; success resets', async () => {
    const f = createFixture();
    for (let i = 0; i < 10; i += 1) expect((await attempt(f, 'alice', 'wrong password')).status).toBe(400);
    const blocked = await attempt(f, 'alice', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(3000);
    vi.advanceTimersByTime(3600 * 1000 + 1000);
    expect((await attempt(f, 'alice', PASSWORD)).status).toBe(302);
    for (let i = 0; i < 9; i += 1) expect((await attempt(f, 'alice', 'wrong password')).status).toBe(400);
    expect((await attempt(f, 'alice', PASSWORD)).status).toBe(302); // counter was back at 0
  });

  it('SEC-AUTH-04 caps failures per IP across usernames (password spraying)', async () => {
    const f = createFixture();
    for (let i = 0; i < 100; i += 1) await attempt(f, `user${i}`, 'wrong password');
    expect((await attempt(f, 'someone-new', 'wrong password')).status).toBe(429);
  }, 60_000);

  it('SEC-AUTH-05 caps failures per account from many IPs, temporarily', async () => {
    const f = createFixture({ proxy: true, maxIpsCount: 1 });
    for (let i = 0; i < 100; i += 1) await attempt(f, 'alice', 'wrong password', `10.0.${Math.floor(i / 250)}.${i % 250}`);
    expect((await attempt(f, 'alice', PASSWORD, '192.0.2.77')).status).toBe(429);
    vi.advanceTimersByTime(3600 * 1000 + 1000);
    expect((await attempt(f, 'alice', PASSWORD, '192.0.2.78')).status).toBe(302);
  }, 60_000);

  it('SEC-AUTH-06 normalizes usernames and throttles unknown users identically', async () => {
    const f = createFixture();
    const variants = ['Alice', 'alice', 'ａｌｉｃｅ', 'ALICE '];
    for (let i = 0; i < 10; i += 1) await attempt(f, variants[i % variants.length] ?? 'alice', 'wrong password');
    expect((await attempt(f, 'alice', PASSWORD)).status).toBe(429);
    for (let i = 0; i < 10; i += 1) expect((await attempt(f, 'nobody-here', 'wrong password')).status).toBe(400);
    expect((await attempt(f, 'nobody-here', 'wrong password')).status).toBe(429);
  });

  it('SEC-AUTH-07 ignores X-Forwarded-For when no proxy is trusted', async () => {
    const f = createFixture({ proxy: false, secure: false });
    for (let i = 0; i < 10; i += 1) {
      const client = agent(f.app);
      const _csrf = await tokenOf(client);
      await client.post('/login').set({ 'X-Forwarded-For': `203.0.113.${i}`, Origin: 'https://app.test' }).type('form').send({ username: 'alice', password: 'wrong', _csrf });
    }
    const client = agent(f.app);
    const _csrf = await tokenOf(client);
    const res = await client.post('/login').set({ 'X-Forwarded-For': '198.51.100.1', Origin: 'https://app.test' }).type('form').send({ username: 'alice', password: PASSWORD, _csrf });
    expect(res.status).toBe(429);
  });

  it('SEC-AUTH-07 with a trusted proxy (maxIpsCount 1) takes the address the proxy saw', async () => {
    const f = createFixture({ proxy: true, maxIpsCount: 1 });
    for (let i = 0; i < 10; i += 1) await attempt(f, 'alice', 'wrong password', `1.1.1.${i}, 9.9.9.9`);
    expect((await attempt(f, 'alice', PASSWORD, '8.8.8.8, 9.9.9.9')).status).toBe(429);
    expect((await attempt(f, 'alice', PASSWORD, '9.9.9.9, 8.8.8.8')).status).toBe(302);
  });
});
