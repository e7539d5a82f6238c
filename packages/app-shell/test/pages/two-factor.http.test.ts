/**
 * TOTP with recovery codes on the shipped pages (SEC-MFA-01, 03…07): enrolment, the second step
 * of a sign-in, replay, throttling, the pending state, recovery codes, fresh re-authentication,
 * and `loginRequired({ mfa: true })`. Codes are computed by the test from the secret the setup
 * page shows, at the app's fake clock.
 */
import { totpCode } from '@acme/auth-core';
import { loginRequired } from '@acme/auth-core/koa';
import { describe, expect, it } from 'vitest';
import type { TwoFactorStore } from '../../src/accounts/index.js';
import { client, logIn, mailTo, TEST_ORIGIN, TEST_PASSWORD, tokenFrom, tokenIn, type TestAgent } from '../../src/testing/index.js';
import { arrivalGate } from './gate.js';
import { verifiedUser } from './mail-fixture.js';
import { type ShippedApp, shippedAppPerTest } from './shipped-app.js';

const open = shippedAppPerTest();

/** `store` whose `totpOf` (one call per code checked) runs through `around`: to count the checks, or hold them. */
function aroundTotpOf(store: TwoFactorStore, around: (read: () => ReturnType<TwoFactorStore['totpOf']>) => ReturnType<TwoFactorStore['totpOf']>): TwoFactorStore {
  const wrapped = Object.create(store) as TwoFactorStore;
  wrapped.totpOf = (userId) => around(() => store.totpOf(userId));
  return wrapped;
}

/** Posts a form from a page's token (the page must carry a form). */
async function post(agent: TestAgent, path: string, fields: Record<string, string>, page = path) {
  const _csrf = tokenIn((await agent.get(page)).text);
  return agent.post(path).set('Origin', TEST_ORIGIN).type('form').send({ ...fields, _csrf });
}

/** The code for `secret` at the app's clock, `offsetSteps` steps away. */
const codeAt = (web: ShippedApp, secret: string, offsetSteps = 0) => totpCode(secret, new Date(web.clock.now() + offsetSteps * 30_000));

/** Turns TOTP on for the signed-in `agent` as a person would; returns the secret and the recovery codes shown. */
async function enableTwoFactor(web: ShippedApp, agent: TestAgent): Promise<{ secret: string; codes: string[] }> {
  const setup = await post(agent, '/account/two-factor/setup', {}, '/account/two-factor');
  expect(setup.status).toBe(200);
  const secret = /<code class="secret">([A-Z2-7]+)<\/code>/.exec(setup.text)?.[1] ?? '';
  expect(setup.text).toContain(`otpauth://totp/`);
  expect(setup.text).toMatch(/<svg[^>]*>/);
  const _csrf = tokenIn(setup.text);
  const enabled = await agent.post('/account/two-factor/enable').set('Origin', TEST_ORIGIN).type('form').send({ code: codeAt(web, secret), _csrf });
  expect(enabled.status).toBe(200);
  const codes = [...enabled.text.matchAll(/<li><code>([0-9A-Z-]+)<\/code><\/li>/g)].map((m) => m[1] ?? '');
  expect(codes).toHaveLength(10);
  // The step just used cannot sign in again: move on to the next one.
  web.clock.advance(30_000);
  return { secret, codes };
}

/** Password step from a fresh browser; returns the browser (pending) and the answer. */
async function passwordStep(web: ShippedApp, username = 'alice', password = TEST_PASSWORD) {
  const agent = client(web);
  const res = await logIn(agent, username, password);
  return { agent, res };
}

/** The second step's form, posted from a pending browser. */
const secondStep = (agent: TestAgent, code: string) => post(agent, '/login/two-factor', { code });

describe('two-factor authentication (TOTP)', () => {
  it('SEC-MFA-01 enrolment: the setup page shows the otpauth URI and a server-drawn QR; a wrong code leaves 2FA off; a right one turns it on', async () => {
    const web = await open();
    const alice = await verifiedUser(web, 'alice');
    const setup = await post(alice, '/account/two-factor/setup', {}, '/account/two-factor');
    const secret = /<code class="secret">([A-Z2-7]{32})<\/code>/.exec(setup.text)?.[1] ?? '';
    expect(secret).toHaveLength(32); // 160 bits in base32
    expect(setup.text).toContain(`otpauth://totp/throttle-test:alice?issuer=throttle-test&amp;secret=${secret}`);
    const wrong = await alice.post('/account/two-factor/enable').set('Origin', TEST_ORIGIN).type('form').send({ code: '000000' === codeAt(web, secret) ? '111111' : '000000', _csrf: tokenIn(setup.text) });
    expect(wrong.status).toBe(400);
    expect((await web.services.users.findByUsername('alice'))?.secondFactor).toBe(false);
    const right = await alice.post('/account/two-factor/enable').set('Origin', TEST_ORIGIN).type('form').send({ code: codeAt(web, secret), _csrf: tokenIn(setup.text) });
    expect(right.status).toBe(200);
    expect((await web.services.users.findByUsername('alice'))?.secondFactor).toBe(true);
    const row = await web.services.db.kysely.selectFrom('users').select('totp_secret').where('username', '=', 'alice').executeTakeFirstOrThrow();
    expect(row.totp_secret).not.toContain(secret);
    expect(row.totp_secret).toMatch(/^v1\./);
    expect((await mailTo(web, 'alice@example.test')).some((m) => m.text.includes('Two-factor authentication was turned on'))).toBe(true);
  });

  it('signs in with the password, then the code: 302 to /login/two-factor, then to next', async () => {
    const web = await open();
    const alice = await verifiedUser(web, 'alice');
    const { secret } = await enableTwoFactor(web, alice);
    const agent = client(web);
    const res = await logIn(agent, 'alice', TEST_PASSWORD, '/account/sessions');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/login/two-factor');
    const done = await secondStep(agent, codeAt(web, secret));
    expect(done.headers.location).toBe('/account/sessions');
    expect((await agent.get('/dashboard')).status).toBe(200);
    expect(web.records).toContainEqual(expect.objectContaining({ type: 'login.succeeded', reason: 'totp' }));
  });

  it('SEC-MFA-03 a code works once: the same code again, and an older step after a newer one, are refused', async () => {
    const web = await open();
    const { secret } = await enableTwoFactor(web, await verifiedUser(web, 'alice'));
    const first = await passwordStep(web);
    const code = codeAt(web, secret);
    expect((await secondStep(first.agent, code)).status).toBe(302);
    const again = await passwordStep(web);
    expect((await secondStep(again.agent, code)).status).toBe(400);
    // A newer step (drift +1) is used; the current step's code is then older and refused.
    const newer = await passwordStep(web);
    expect((await secondStep(newer.agent, codeAt(web, secret, 1))).status).toBe(302);
    const older = await passwordStep(web);
    expect((await secondStep(older.agent, codeAt(web, secret))).status).toBe(400);
  });

  it('SEC-MFA-03 two parallel submissions of one code: exactly one signs in', async () => {
    const gate = arrivalGate(2);
    const held = { armed: false };
    const web = await open({
      wrap: (services) => ({
        // Both requests read the last step before either stores theirs: only the compare-and-set decides.
        secondFactor: services.secondFactor.withStore(
          aroundTotpOf(services.secondFactor.store, async (read) => {
            const result = await read();
            if (held.armed) await gate.arrive();
            return result;
          }),
        ),
      }),
    });
    const { secret } = await enableTwoFactor(web, await verifiedUser(web, 'alice'));
    const one = await passwordStep(web);
    const two = await passwordStep(web);
    const code = codeAt(web, secret);
    const forms = await Promise.all([one, two].map(async ({ agent }) => ({ agent, _csrf: tokenIn((await agent.get('/login/two-factor')).text) })));
    held.armed = true;
    const results = await Promise.all(forms.map(({ agent, _csrf }) => agent.post('/login/two-factor').set('Origin', TEST_ORIGIN).type('form').send({ code, _csrf })));
    expect(results.map((r) => r.status).sort()).toEqual([302, 400]);
  });

  it('SEC-MFA-04 30 parallel wrong codes in one sign-in: at most 5 are checked, the rest 429, and the sign-in starts over', async () => {
    const PARALLEL = 30;
    const gate = arrivalGate(PARALLEL);
    const checks = { count: 0, armed: false };
    const web = await open({
      wrap: (services) => ({
        secondFactorThrottle: {
          counts: 'failures' as const,
          async attempt(signInId: string, userId: string) {
            if (checks.armed) await gate.arrive();
            return services.secondFactorThrottle.attempt(signInId, userId);
          },
        },
        secondFactor: services.secondFactor.withStore(
          aroundTotpOf(services.secondFactor.store, (read) => {
            if (checks.armed) checks.count += 1;
            return read();
          }),
        ),
      }),
    });
    await enableTwoFactor(web, await verifiedUser(web, 'alice'));
    const { agent } = await passwordStep(web);
    const _csrf = tokenIn((await agent.get('/login/two-factor')).text);
    checks.armed = true;
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, () => agent.post('/login/two-factor').set('Origin', TEST_ORIGIN).type('form').send({ code: '000000', _csrf })),
    );
    expect(checks.count).toBe(5);
    expect(results.map((r) => r.status).sort()).toEqual([...Array<number>(5).fill(400), ...Array<number>(PARALLEL - 5).fill(429)]);
    checks.armed = false;
    expect((await agent.get('/login/two-factor')).headers.location).toBe('/login');
  });

  it('SEC-MFA-04 10 wrong codes an hour per account, whatever the sign-in: starting over buys no more guesses', async () => {
    const web = await open();
    const { secret } = await enableTwoFactor(web, await verifiedUser(web, 'alice'));
    for (let signIn = 0; signIn < 2; signIn += 1) {
      const { agent } = await passwordStep(web);
      for (let i = 0; i < 5; i += 1) expect((await secondStep(agent, '000000')).status).toBe(400);
    }
    const { agent } = await passwordStep(web);
    expect((await secondStep(agent, codeAt(web, secret))).status).toBe(429);
  });

  it('SEC-MFA-05 the pending state opens nothing, expires in 5 minutes, and the session id changes when the sign-in completes', async () => {
    const web = await open();
    const { secret } = await enableTwoFactor(web, await verifiedUser(web, 'alice'));
    const sid = (res: { headers: Record<string, unknown> }) => /sid=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1];
    const { agent, res } = await passwordStep(web);
    const pendingSid = sid(res);
    expect(pendingSid).toBeDefined();
    expect((await agent.get('/dashboard')).headers.location).toBe('/login?next=%2Fdashboard');
    expect((await agent.get('/account/sessions')).status).toBe(302);
    const done = await secondStep(agent, codeAt(web, secret));
    expect(done.status).toBe(302);
    expect(sid(done)).toBeDefined();
    expect(sid(done)).not.toBe(pendingSid);

    const late = await passwordStep(web);
    web.clock.advance(5 * 60_000 + 1000);
    expect((await late.agent.get('/login/two-factor')).headers.location).toBe('/login');
    const _csrf = await tokenFrom(late.agent, '/login');
    const expired = await late.agent.post('/login/two-factor').set('Origin', TEST_ORIGIN).type('form').send({ code: codeAt(web, secret), _csrf });
    expect(expired.headers.location).toBe('/login');
    expect((await late.agent.get('/dashboard')).status).toBe(302);
  });

  it('SEC-MFA-06 recovery codes: single use, void after regeneration, stored only as digests, and each use is mailed', async () => {
    const web = await open();
    const alice = await verifiedUser(web, 'alice');
    const { codes } = await enableTwoFactor(web, alice);
    const stored = await web.services.db.kysely.selectFrom('recovery_codes').selectAll().execute();
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ''));
    const [first = '', second = ''] = codes;
    const use = await passwordStep(web);
    const ok = await secondStep(use.agent, first.toLowerCase());
    expect(ok.status).toBe(302);
    expect((await use.agent.get('/dashboard')).text).toContain('9 left');
    expect((await mailTo(web, 'alice@example.test')).some((m) => m.text.includes('A recovery code was used'))).toBe(true);
    const reuse = await passwordStep(web);
    expect((await secondStep(reuse.agent, first)).status).toBe(400);
    // Regenerating (a fresh sign-in: alice's own session is recent) voids the old set.
    const regenerated = await post(alice, '/account/two-factor/recovery-codes', {}, '/account/two-factor');
    expect(regenerated.status).toBe(200);
    const fresh = [...regenerated.text.matchAll(/<li><code>([0-9A-Z-]+)<\/code><\/li>/g)].map((m) => m[1] ?? '');
    expect(fresh).toHaveLength(10);
    const old = await passwordStep(web);
    expect((await secondStep(old.agent, second)).status).toBe(400);
    expect((await secondStep(old.agent, fresh[0] ?? '')).status).toBe(302);
  });

  it('SEC-MFA-07 a stale sign-in gets the re-authentication form with the code (no loop), then the action; turning 2FA off needs a current code', async () => {
    const web = await open();
    const alice = await verifiedUser(web, 'alice');
    const { secret } = await enableTwoFactor(web, alice);
    web.clock.advance(11 * 60_000);
    const stale = await alice.get('/account/two-factor');
    expect(stale.headers.location).toBe('/login?next=%2Faccount%2Ftwo-factor&reauth=1');
    const form = await alice.get(stale.headers.location ?? '');
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="code"');
    const _csrf = tokenIn(form.text);
    const reauth = (code: string) => alice.post('/login').set('Origin', TEST_ORIGIN).type('form').send({ username: 'alice', password: TEST_PASSWORD, reauth: '1', next: '/account/two-factor', code, _csrf });
    expect((await reauth('000000')).status).toBe(400);
    const back = await reauth(codeAt(web, secret));
    expect(back.headers.location).toBe('/account/two-factor');
    const page = await alice.get('/account/two-factor');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Turn two-factor authentication off');
    // Off needs a current code: a wrong one changes nothing.
    expect((await post(alice, '/account/two-factor/disable', { current: '000000' }, '/account/two-factor')).status).toBe(400);
    expect((await web.services.users.findByUsername('alice'))?.secondFactor).toBe(true);
    web.clock.advance(30_000);
    const off = await post(alice, '/account/two-factor/disable', { current: codeAt(web, secret) }, '/account/two-factor');
    expect(off.headers.location).toBe('/account/two-factor');
    expect((await web.services.users.findByUsername('alice'))?.secondFactor).toBe(false);
    expect((await web.services.db.kysely.selectFrom('recovery_codes').selectAll().execute())).toEqual([]);
    // A stale write is refused, never carried out.
    web.clock.advance(11 * 60_000);
    const _csrf2 = await tokenFrom(alice, '/account/password');
    expect((await alice.post('/account/two-factor/setup').set('Origin', TEST_ORIGIN).type('form').send({ _csrf: _csrf2 })).status).toBe(401);
  });

  it('SEC-RESET-04 with TOTP on, a reset password still leads to the second step', async () => {
    const web = await open();
    const { secret } = await enableTwoFactor(web, await verifiedUser(web, 'alice'));
    const agent = client(web);
    await post(agent, '/password/forgot', { email: 'alice@example.test' });
    const [mail] = (await mailTo(web, 'alice@example.test')).filter((m) => m.subject.startsWith('Reset'));
    const link = new URL(/https?:\/\/\S+\/password\/reset\/\S+/.exec(mail?.text ?? '')?.[0] ?? 'http://x/').pathname;
    await agent.get(link);
    expect((await post(agent, '/password/reset', { new: 'obsidian meadow trumpet kite' })).headers.location).toBe('/login');
    const res = await logIn(agent, 'alice', 'obsidian meadow trumpet kite');
    expect(res.headers.location).toBe('/login/two-factor');
    expect((await agent.get('/dashboard')).status).toBe(302);
    expect((await secondStep(agent, codeAt(web, secret))).headers.location).toBe('/dashboard');
  });

  it('loginRequired({ mfa: true }) sends a user without a second factor to set one up, and lets one with it through', async () => {
    const web = await open();
    web.router.get('/billing', loginRequired({ mfa: true }), (ctx) => {
      ctx.body = 'billing';
    });
    const alice = await verifiedUser(web, 'alice');
    const refused = await alice.get('/billing');
    expect(refused.headers.location).toBe('/account/two-factor?required=1&next=%2Fbilling');
    expect((await alice.get(refused.headers.location ?? '')).text).toContain('needs a second factor');
    expect((await alice.get('/billing').set('Accept', 'application/json')).status).toBe(403);
    await enableTwoFactor(web, alice);
    expect((await alice.get('/billing')).text).toBe('billing');
  });
});
