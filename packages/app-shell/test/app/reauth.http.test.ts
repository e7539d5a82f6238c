import { describe, expect, it } from 'vitest';
import { loginRequired } from '@acme/auth-core/koa';
import { client, logIn, register, TEST_ORIGIN, TEST_PASSWORD, type TestAgent, tokenIn } from '../../src/testing/index.js';
import { shippedApp } from './web-fixture.js';

const FRESH = 10 * 60_000;
const BOB_PASSWORD = 'amber falcon quilt river';

/** The shipped chain with a page and a form action that need a sign-in younger than {@link FRESH}. */
function appWithSensitiveRoute() {
  return shippedApp((router) => {
    router.get('/sensitive', loginRequired({ fresh: FRESH }), (ctx) => {
      ctx.body = 'sensitive page';
    });
    router.post('/sensitive', loginRequired({ fresh: FRESH }), (ctx) => {
      ctx.body = 'sensitive action done';
    });
  });
}

/** GETs `path` and follows redirects like a browser, but at most `max` of them; returns every URL visited. */
async function follow(agent: TestAgent, path: string, max = 5) {
  const visited = [path];
  let res = await agent.get(path);
  while (res.status >= 300 && res.status < 400 && visited.length <= max) {
    const location = String(res.headers.location);
    visited.push(location);
    res = await agent.get(location);
  }
  return { res, visited };
}

/** The session id cookie (`sid` in development) a response sets, if any. */
function sidSet(res: { headers: Record<string, unknown> }): string | undefined {
  const cookies = res.headers['set-cookie'];
  const list = Array.isArray(cookies) ? (cookies as string[]) : [];
  return list.find((c) => c.startsWith('sid='))?.split(';')[0];
}

/** Posts the re-authentication form as the browser would from `html`, with `fields` typed in. */
function submitReauth(agent: TestAgent, html: string, fields: Record<string, string>) {
  const next = /name="next" value="([^"]*)"/.exec(html)?.[1] ?? '';
  return agent
    .post('/login')
    .set('Origin', TEST_ORIGIN)
    .type('form')
    .send({ _csrf: tokenIn(html), next: next.replaceAll('&#x2F;', '/').replaceAll('&amp;', '&'), reauth: '1', username: 'alice', ...fields });
}

describe('loginRequired({ fresh }) on the shipped routes', () => {
  // #region round-trip
  it('sends a stale sign-in to a re-authentication form (no loop), then back to the page on a new session id', async () => {
    const d = await appWithSensitiveRoute();
    const a = client(d);
    const signedIn = await register(a);
    expect((await a.get('/sensitive')).text).toBe('sensitive page');
    d.clock.advance(FRESH + 1000);

    const { res: page, visited } = await follow(a, '/sensitive');
    expect(visited).toEqual(['/sensitive', '/login?next=%2Fsensitive&reauth=1']);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Confirm your password');
    // The username is shown, not editable; the form asks for the password only.
    expect(page.text).toMatch(/<input id="username" name="username" type="text" autocomplete="username" readonly value="alice">/);
    expect(page.text).toMatch(/<input type="hidden" name="reauth" value="1">/);

    const wrong = await submitReauth(a, page.text, { password: 'not the password at all' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Confirm your password');
    expect(d.records).toContainEqual(expect.objectContaining({ type: 'login.failed', username: 'alice', outcome: 'failure' }));
    expect((await a.get('/sensitive')).headers.location).toBe('/login?next=%2Fsensitive&reauth=1');

    const right = await submitReauth(a, wrong.text, { password: TEST_PASSWORD });
    expect(right.status).toBe(302);
    expect(right.headers.location).toBe('/sensitive');
    expect(sidSet(right)).toBeDefined();
    expect(sidSet(right)).not.toBe(sidSet(signedIn));
    expect(d.records).toContainEqual(expect.objectContaining({ type: 'login.succeeded', username: 'alice', outcome: 'success' }));
    const after = await a.get('/sensitive');
    expect(after.status).toBe(200);
    expect(after.text).toBe('sensitive page');
  });
  // #endregion round-trip

  it('SEC-PW-10 the re-authentication password field: type, autocomplete, no maxlength below 64, no paste blocking', async () => {
    const d = await appWithSensitiveRoute();
    const a = client(d);
    await register(a);
    const html = (await a.get('/login?next=%2Fsensitive&reauth=1')).text;
    const inputs = [...html.matchAll(/<input[^>]*type="password"[^>]*>/g)].map((m) => m[0]);
    expect(inputs).toHaveLength(1);
    const [input = ''] = inputs;
    expect(input).toContain('autocomplete="current-password"');
    expect(Number(/maxlength="(\d+)"/.exec(input)?.[1] ?? '64')).toBeGreaterThanOrEqual(64);
    expect(html.replace(/value="[^"]*"/g, 'value=""')).not.toMatch(/onpaste|oncopy/i);
  });

  it('checks the signed-in user’s password, never the username the form sends', async () => {
    const d = await appWithSensitiveRoute();
    await register(client(d), 'bob', BOB_PASSWORD);
    const a = client(d);
    await register(a);
    d.clock.advance(FRESH + 1000);
    const page = await a.get('/login?next=%2Fsensitive&reauth=1');
    const asBob = await submitReauth(a, page.text, { username: 'bob', password: BOB_PASSWORD });
    expect(asBob.status).toBe(400);
    expect(d.records).toContainEqual(expect.objectContaining({ type: 'login.failed', username: 'alice' }));
    expect((await a.get('/sensitive')).status).toBe(302);
  });

  it('counts wrong re-authentications on the sign-in throttle of that user', async () => {
    const d = await appWithSensitiveRoute();
    const a = client(d);
    await register(a);
    d.clock.advance(FRESH + 1000);
    let html = (await a.get('/login?next=%2Fsensitive&reauth=1')).text;
    for (let attempt = 0; attempt < 10; attempt++) {
      const res = await submitReauth(a, html, { password: `wrong guess number ${String(attempt)}` });
      expect(res.status).toBe(400);
      html = res.text;
    }
    // The limit of 10 consecutive failures for alice from this IP is reached: the right password
    // is refused here and on the ordinary login form too.
    expect((await submitReauth(a, html, { password: TEST_PASSWORD })).status).toBe(429);
    expect((await logIn(client(d), 'alice')).status).toBe(429);
  });

  it('refuses a stale write and a stale JSON request with 401, without a redirect', async () => {
    const d = await appWithSensitiveRoute();
    const a = client(d);
    await register(a);
    const _csrf = tokenIn((await a.get('/login?next=%2Fsensitive&reauth=1')).text);
    expect((await a.post('/sensitive').set('Origin', TEST_ORIGIN).type('form').send({ _csrf })).text).toBe('sensitive action done');
    d.clock.advance(FRESH + 1000);

    const write = await a.post('/sensitive').set('Origin', TEST_ORIGIN).type('form').send({ _csrf });
    expect(write.status).toBe(401);
    expect(write.headers.location).toBeUndefined();
    expect(write.text).toContain('Enter your password again to continue.');
    const json = await a.get('/sensitive').set('Accept', 'application/json');
    expect(json.status).toBe(401);
    expect(json.body).toEqual({ type: 'urn:auth-core:problem:reauthentication-required', title: 'Please enter your password again', status: 401, detail: 'Enter your password again to continue.' });
  });

  it('keeps the ordinary login page for everyone else', async () => {
    const d = await appWithSensitiveRoute();
    const anonymous = await client(d).get('/login?next=%2Fsensitive&reauth=1');
    expect(anonymous.text).toContain('Log in');
    expect(anonymous.text).not.toContain('Confirm your password');
    const a = client(d);
    await register(a);
    const signedIn = await a.get('/login?next=%2Fsensitive');
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.location).toBe('/sensitive');
  });
});
