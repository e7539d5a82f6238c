/**
 * The password reset on the shipped pages (SEC-RESET-01…04): one answer for every address, the
 * throttles, the token's life, the token leaving the URL, and what a completed reset does. Mail
 * goes through the real outbox and worker to the development mailbox.
 */
import type { PasswordHasher } from '@acme/auth-core';
import { describe, expect, it } from 'vitest';
import { client, logIn, mailedLink, mailTo, signUp, TEST_ORIGIN, TEST_PASSWORD, tokenFrom, tokenIn, type TestAgent } from '../../src/testing/index.js';
import { arrivalGate } from './gate.js';
import { forgotPassword, verifiedUser } from './mail-fixture.js';
import { type ShippedApp, shippedAppPerTest } from './shipped-app.js';

const open = shippedAppPerTest();
const NEW_PASSWORD = 'amber falcon quarry lattice';

/** Requests a reset for `email` and returns the newest mailed link (a path). */
async function resetLink(web: ShippedApp, email: string): Promise<string> {
  expect((await forgotPassword(client(web), email)).status).toBe(302);
  return mailedLink(web, email, '/password/reset/');
}

/** Follows `link` and posts the new password from the same browser; returns the POST's answer. */
async function resetWith(agent: TestAgent, link: string, password = NEW_PASSWORD) {
  const followed = await agent.get(link);
  if (followed.status !== 302) return followed;
  const _csrf = tokenIn((await agent.get('/password/reset')).text);
  return agent.post('/password/reset').set('Origin', TEST_ORIGIN).type('form').send({ new: password, _csrf });
}

const resetMails = async (web: ShippedApp, email: string) => (await mailTo(web, email)).filter((m) => m.subject.startsWith('Reset your'));

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return ((sorted[Math.floor((sorted.length - 1) / 2)] ?? 0) + (sorted[Math.ceil((sorted.length - 1) / 2)] ?? 0)) / 2;
};

describe('password reset', () => {
  it('SEC-RESET-01 answers the same for a known, an unknown and an unverified address: status, body and timing', async () => {
    const web = await open({ config: { trustProxy: 1 } });
    await verifiedUser(web, 'alice', 'alice@example.test');
    await signUp(client(web), 'bob', TEST_PASSWORD, 'bob@example.test');
    const cases = { known: 'alice@example.test', unknown: 'nobody@example.test', unverified: 'bob@example.test' } as const;
    const names = Object.keys(cases) as (keyof typeof cases)[];
    const agent = client(web);
    const _csrf = await tokenFrom(agent, '/password/forgot');
    const timings: Record<keyof typeof cases, number[]> = { known: [], unknown: [], unverified: [] };
    const answers = new Set<string>();
    // Interleaved, the order rotating each round, each round from its own address (the per-IP limit
    // is not what is measured); the first rounds warm up and are not counted.
    for (let round = 0; round < 36; round += 1) {
      for (let i = 0; i < names.length; i += 1) {
        const name = names[(round + i) % names.length] as keyof typeof cases;
        const started = process.hrtime.bigint();
        const res = await agent.post('/password/forgot').set('Origin', TEST_ORIGIN).set('X-Forwarded-For', `10.1.${round}.1`).type('form').send({ email: cases[name], _csrf });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (round >= 6) timings[name].push(ms);
        answers.add(JSON.stringify({ status: res.status, location: res.headers.location, body: res.text, cookie: res.headers['set-cookie'] ?? null }));
      }
    }
    expect([...answers]).toEqual([JSON.stringify({ status: 302, location: '/password/forgot/check-your-inbox', body: 'Redirecting to /password/forgot/check-your-inbox.', cookie: null })]);
    const medians = names.map((name) => median(timings[name]));
    expect(Math.max(...medians) / Math.min(...medians), `medians (ms): ${medians.map((m) => m.toFixed(2)).join(', ')}`).toBeLessThanOrEqual(1.1);
    // Only the verified address got mail, and no more than the per-address limit allows.
    expect(await resetMails(web, 'alice@example.test')).toHaveLength(5);
    expect(await resetMails(web, 'bob@example.test')).toEqual([]);
    expect(await resetMails(web, 'nobody@example.test')).toEqual([]);
  });

  it('SEC-RESET-01 the 6th request for one address in an hour sends nothing; the 21st from one IP is a 429', async () => {
    const web = await open();
    await verifiedUser(web, 'alice', 'alice@example.test');
    for (let i = 0; i < 6; i += 1) expect((await forgotPassword(client(web), 'alice@example.test')).status).toBe(302);
    expect(await resetMails(web, 'alice@example.test')).toHaveLength(5);
    for (let i = 6; i < 20; i += 1) expect((await forgotPassword(client(web), `n${i}@example.test`)).status).toBe(302);
    const refused = await forgotPassword(client(web), 'alice@example.test');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(web.records).toContainEqual(expect.objectContaining({ type: 'password.reset_requested', outcome: 'failure', reason: 'throttled' }));
  });

  it('SEC-RESET-02 a used, an expired, an older and a pre-password-change link are all refused', async () => {
    const web = await open();
    const alice = await verifiedUser(web, 'alice', 'alice@example.test');
    const used = await resetLink(web, 'alice@example.test');
    expect((await resetWith(client(web), used)).headers.location).toBe('/login');
    expect((await client(web).get(used)).status).toBe(400);

    const expired = await resetLink(web, 'alice@example.test');
    web.clock.advance(31 * 60_000);
    expect((await client(web).get(expired)).status).toBe(400);

    const older = await resetLink(web, 'alice@example.test');
    const newer = await resetLink(web, 'alice@example.test');
    expect((await client(web).get(older)).status).toBe(400);
    expect((await client(web).get(newer)).status).toBe(302);

    const beforeChange = await resetLink(web, 'alice@example.test');
    await logIn(alice, 'alice', NEW_PASSWORD);
    const _csrf = await tokenFrom(alice, '/account/password');
    expect((await alice.post('/account/password').set('Origin', TEST_ORIGIN).type('form').send({ current: NEW_PASSWORD, new: 'velvet harbor signal pine', _csrf })).status).toBe(302);
    expect((await client(web).get(beforeChange)).status).toBe(400);
    expect(await web.services.users.findByLogin('alice@example.test')).toBeDefined();
  });

  it('SEC-RESET-02 two tabs posting one link at once: exactly one sets the password', async () => {
    const gate = arrivalGate(2);
    const held = { armed: false };
    const web = await open({
      wrap: (services) => ({
        hasher: {
          ...services.hasher,
          async hash(password) {
            if (held.armed) await gate.arrive();
            return services.hasher.hash(password);
          },
        } satisfies PasswordHasher,
      }),
    });
    await verifiedUser(web, 'alice', 'alice@example.test');
    const link = await resetLink(web, 'alice@example.test');
    const agent = client(web);
    await agent.get(link);
    const _csrf = tokenIn((await agent.get('/password/reset')).text);
    held.armed = true;
    const results = await Promise.all(
      ['first tab passphrase one', 'second tab passphrase two'].map((password) => agent.post('/password/reset').set('Origin', TEST_ORIGIN).type('form').send({ new: password, _csrf })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([302, 400]);
    const winner = results.findIndex((r) => r.status === 302) === 0 ? 'first tab passphrase one' : 'second tab passphrase two';
    expect((await logIn(client(web), 'alice', winner)).headers.location).toBe('/dashboard');
  });

  it('SEC-RESET-03 the token leaves the URL at once; a bad token starts nothing; no Referer, no log line holds it', async () => {
    const web = await open();
    await verifiedUser(web, 'alice', 'alice@example.test');
    const link = await resetLink(web, 'alice@example.test');
    const token = link.split('/').at(-1) ?? '';
    const agent = client(web);
    const followed = await agent.get(link);
    expect(followed.status).toBe(302);
    expect(followed.headers.location).toBe('/password/reset');
    expect(followed.headers['referrer-policy']).toBe('no-referrer');
    expect(String(followed.headers['set-cookie'])).toMatch(/sid=/);
    const form = await agent.get('/password/reset');
    expect(form.status).toBe(200);
    expect(form.headers['referrer-policy']).toBe('no-referrer');
    expect(form.text).not.toContain(token);
    // The pre-auth record opens nothing protected.
    expect((await agent.get('/dashboard')).status).toBe(302);
    const _csrf = tokenIn(form.text);
    const done = await agent.post('/password/reset').set('Origin', TEST_ORIGIN).type('form').send({ new: NEW_PASSWORD, _csrf });
    expect(done.headers.location).toBe('/login');

    const stored = await web.services.sessions.listByUser('nobody');
    const stranger = client(web);
    for (const bad of [`/password/reset/${'A'.repeat(43)}`, '/password/reset/short', `/password/reset/${token}x`, '/password/reset/%00']) {
      const res = await stranger.get(bad);
      expect(res.status).toBe(400);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect((await stranger.get('/password/reset')).status).toBe(400);
    expect(await web.services.sessions.listByUser('nobody')).toEqual(stored);
    expect(JSON.stringify(web.records)).not.toContain(token);
  });

  it('SEC-RESET-04 a completed reset ends every session, notifies the address and does not sign in', async () => {
    const web = await open();
    const alice = await verifiedUser(web, 'alice', 'alice@example.test');
    const laptop = client(web);
    await logIn(laptop, 'alice');
    expect((await alice.get('/dashboard')).status).toBe(200);
    const link = await resetLink(web, 'alice@example.test');
    const resetter = client(web);
    const res = await resetWith(resetter, link);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/login');
    expect((await resetter.get('/dashboard')).status).toBe(302);
    for (const old of [alice, laptop]) expect((await old.get('/dashboard')).headers.location).toMatch(/^\/login/);
    expect(await web.services.sessions.listByUser((await web.services.users.findByUsername('alice'))?.id ?? '')).toEqual([]);
    expect((await logIn(client(web), 'alice')).status).toBe(400);
    expect((await logIn(client(web), 'alice', NEW_PASSWORD)).headers.location).toBe('/dashboard');
    const notice = (await mailTo(web, 'alice@example.test')).find((m) => m.subject.includes('password was changed'));
    expect(notice?.text).toContain('reset through an emailed link');
    expect(web.records).toContainEqual(expect.objectContaining({ type: 'password.reset', outcome: 'success' }));
  });

  it('part of SEC-PW-01: the new password of a reset passes the policy (14 code points → 400, the link still works)', async () => {
    const web = await open();
    await verifiedUser(web, 'alice', 'alice@example.test');
    const agent = client(web);
    await agent.get(await resetLink(web, 'alice@example.test'));
    const _csrf = tokenIn((await agent.get('/password/reset')).text);
    const short = await agent.post('/password/reset').set('Origin', TEST_ORIGIN).type('form').send({ new: 'a'.repeat(13) + 'b', _csrf });
    expect(short.status).toBe(400);
    expect(short.text).toContain('at least 15');
    const ok = await agent.post('/password/reset').set('Origin', TEST_ORIGIN).type('form').send({ new: NEW_PASSWORD, _csrf });
    expect(ok.headers.location).toBe('/login');
  });
});
