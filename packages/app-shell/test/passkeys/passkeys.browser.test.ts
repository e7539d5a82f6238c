// page.evaluate's callbacks run in the browser: they need the DOM's types.
/// <reference lib="dom" />
/**
 * Passkeys in real Chromium with the DevTools virtual authenticator (SEC-PK-01, SEC-PK-02), one
 * person's story in order: sign in with a password, add a passkey, sign out, sign in with the
 * passkey alone; a replayed assertion, a reused challenge and a counter that goes backwards are
 * refused; the passkey is removed and signs nobody in any more.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { loginRequired } from '@acme/auth-core/koa';
import { freePort, launchChromium } from '@acme/auth-core/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailedLink, mailTo, TEST_PASSWORD } from '../../src/testing/index.js';
import { PACKAGE_ROOT, type ShippedApp, shippedApp } from '../pages/shipped-app.js';

type Browser = Awaited<ReturnType<typeof launchChromium>>;
type Page = Awaited<ReturnType<Browser['newPage']>>;

describe('passkeys in Chromium (virtual authenticator)', () => {
  let browser: Browser;
  let page: Page;
  let web: ShippedApp;
  let server: Server;
  let base: string;
  let aliceId: string;
  const verifyBodies: string[] = [];

  beforeAll(async () => {
    mkdirSync(path.join(PACKAGE_ROOT, 'test-results', 'screenshots'), { recursive: true });
    const port = await freePort();
    // WebAuthn needs a host name for its RP ID: localhost, never 127.0.0.1.
    base = `http://localhost:${port}`;
    web = await shippedApp({ config: { appOrigin: base } });
    web.router.get('/billing', loginRequired({ mfa: true }), (ctx) => {
      ctx.body = 'billing';
    });
    server = web.app.listen(port);
    await new Promise((resolve) => server.once('listening', resolve));
    browser = await launchChromium();
    const context = await browser.newContext();
    page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    page.on('request', (request) => {
      if (request.url().endsWith('/login/passkey/verify')) verifyBodies.push(request.postData() ?? '');
    });
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    server.close();
    await web.close();
  });

  /** Posts JSON from the page (its form's CSRF token), as the page script does; returns the status. */
  const postFromPage = (path: string, body: string) =>
    page.evaluate(
      async ([url, payload]) => {
        const csrf = document.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
        return (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-csrf-token': csrf }, body: payload })).status;
      },
      [path, body] as const,
    );

  const signInWithPasskey = async () => {
    await page.goto(`${base}/login`);
    await page.click('button:has-text("Sign in with a passkey")');
  };

  it('SEC-PK-02 registers with a password, adds a passkey, then signs in with it alone (a full sign-in)', async () => {
    await page.goto(`${base}/register`);
    await page.fill('#username', 'alice');
    await page.fill('#email', 'alice@example.test');
    await page.fill('#password', TEST_PASSWORD);
    await page.click('form[action="/register"] button');
    await page.waitForURL(`${base}/register/check-your-inbox`);
    await page.goto(`${base}${await mailedLink(web, 'alice@example.test', '/email/verify/')}`);
    await page.click('form[action^="/email/verify/"] button');
    await expect(page.textContent('h1')).resolves.toContain('Address confirmed');
    aliceId = (await web.services.users.findByUsername('alice'))?.id ?? '';
    await page.goto(`${base}/login`);
    await page.fill('#username', 'alice');
    await page.fill('#password', TEST_PASSWORD);
    await page.click('form[action="/login"] button');
    await page.waitForURL(`${base}/dashboard`);
    await page.click('nav >> text=Passkeys');
    await page.click('button:has-text("Add a passkey")');
    await page.waitForSelector('table.passkeys tbody tr');
    await page.screenshot({ path: path.join(PACKAGE_ROOT, 'test-results', 'screenshots', 'passkeys.png'), fullPage: true });
    const [stored] = await web.services.secondFactor.store.listPasskeys(aliceId);
    expect(stored).toMatchObject({ name: 'Passkey 1', deviceType: 'singleDevice', backedUp: false });
    expect((await mailTo(web, 'alice@example.test')).some((m) => m.text.includes('A passkey was added'))).toBe(true);

    await page.click('nav >> text=Log out');
    const before = (await page.context().cookies()).find((c) => c.name === 'sid')?.value;
    await signInWithPasskey();
    await page.waitForURL(`${base}/dashboard`);
    await expect(page.textContent('nav')).resolves.toContain('alice');
    expect((await page.context().cookies()).find((c) => c.name === 'sid')?.value).not.toBe(before);
    expect(web.records).toContainEqual(expect.objectContaining({ type: 'login.succeeded', reason: 'passkey' }));
    expect((await web.services.secondFactor.store.findPasskey(stored?.id ?? ''))?.counter).toBeGreaterThan(0);
    // A passkey counts as multi-factor: a route that demands a second factor lets this session in.
    await page.goto(`${base}/billing`);
    await expect(page.textContent('body')).resolves.toBe('billing');
    await page.goto(`${base}/dashboard`);
  });

  it('SEC-PK-01 a replayed assertion is refused, before and after a new challenge: each challenge is used once', async () => {
    expect(verifyBodies).toHaveLength(1);
    await page.click('nav >> text=Log out');
    await page.goto(`${base}/login`);
    expect(await postFromPage('/login/passkey/verify', verifyBodies[0] ?? '')).toBe(400);
    expect(await postFromPage('/login/passkey/options', '{}')).toBe(200);
    expect(await postFromPage('/login/passkey/verify', verifyBodies[0] ?? '')).toBe(400);
    expect(await postFromPage('/login/passkey/verify', verifyBodies[0] ?? '')).toBe(400);
  });

  it('SEC-PK-02 a signature counter that does not increase is refused and mailed', async () => {
    const [stored] = await web.services.secondFactor.store.listPasskeys(aliceId);
    // As if a copy of the passkey had been used elsewhere: the server has seen a higher counter.
    await web.services.db.kysely.updateTable('passkeys').set({ counter: 1000 }).where('id', '=', stored?.id ?? '').execute();
    await signInWithPasskey();
    await page.waitForSelector('[data-passkey-status]:has-text("Could not sign in with a passkey")');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect((await mailTo(web, 'alice@example.test')).some((m) => m.text.includes('signature counter went backwards'))).toBe(true);
    await web.services.db.kysely.updateTable('passkeys').set({ counter: 0 }).where('id', '=', stored?.id ?? '').execute();
  });

  it('removes the passkey from the passkeys page; it signs nobody in any more', async () => {
    await signInWithPasskey();
    await page.waitForURL(`${base}/dashboard`);
    await page.goto(`${base}/account/passkeys`);
    await page.click('table.passkeys button:has-text("Remove")');
    await expect(page.textContent('.flash')).resolves.toContain('The passkey was removed.');
    expect(await web.services.secondFactor.store.listPasskeys(aliceId)).toEqual([]);
    await page.click('nav >> text=Log out');
    await signInWithPasskey();
    await page.waitForSelector('[data-passkey-status]:has-text("Could not sign in with a passkey")');
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
