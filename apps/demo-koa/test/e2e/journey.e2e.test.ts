// page.evaluate's callbacks run in the browser: they need the DOM's types.
/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { testOnlyScryptParams, totpCode } from '@acme/auth-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { WebApp } from '@acme/app-shell';
import { APP_ROOT, loadConfig } from '../../src/config.js';
import { freePort, launchChromium } from '@acme/auth-core/testing/browser';

const SHOTS = path.join(APP_ROOT, 'test-results', 'screenshots');

describe('a person in Chromium', () => {
  let browser: Browser;
  let demo: WebApp;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    demo = await createApp({ ...loadConfig({}), databaseUrl: ':memory:', appOrigin: base, scrypt: testOnlyScryptParams({ logN: 10 }), securityLogSink: () => undefined });
    server = demo.app.listen(port, '127.0.0.1');
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    server.close();
    await demo.close();
  });

  async function shot(page: Page, name: string) {
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  }

  /** Delivers the outbox (the server's worker polls; the test does not wait for it) and opens the newest development mail to `to`. */
  async function openMail(page: Page, to: string, subject: string) {
    await demo.services.mail?.worker.drain();
    await page.goto(`${base}/dev/mail`);
    await page.click(`tr:has-text("${to}") >> a:has-text("${subject}")`);
  }

  it('registers with an email address, confirms it from the development mailbox, logs in, changes the password, sees the sessions and logs out', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await shot(page, '01-home');
    await page.click('text=Create an account');
    await page.fill('#username', 'robin');
    await page.fill('#email', 'robin@example.test');
    await page.fill('#password', 'short');
    await page.click('button[type=submit]');
    // the browser's own minlength check stops it; remove it to see the server's answer
    await page.evaluate(() => document.querySelector('#password')?.removeAttribute('minlength'));
    await page.click('button[type=submit]');
    await expect(page.textContent('.flash.error')).resolves.toContain('at least 15 characters');
    await shot(page, '02-register-refused');
    await page.fill('#password', 'amber quartz lemon violin');
    await page.click('button[type=submit]');
    // Sign-up never signs in: it asks to confirm the address.
    await page.waitForURL(`${base}/register/check-your-inbox`);
    await expect(page.textContent('h1')).resolves.toContain('Check your inbox');
    await shot(page, '03-check-your-inbox');

    await openMail(page, 'robin@example.test', 'Confirm your email address');
    await shot(page, '04-dev-mail');
    await page.click('pre.mail a[href*="/email/verify/"]');
    await expect(page.textContent('h1')).resolves.toContain('Confirm your address');
    await page.click('form[action^="/email/verify/"] button');
    await expect(page.textContent('h1')).resolves.toContain('Address confirmed');
    await page.click('main >> text=Log in');
    // A verified address signs in as well as the username.
    await page.fill('#username', 'robin@example.test');
    await page.fill('#password', 'amber quartz lemon violin');
    await page.click('form[action="/login"] button');
    await page.waitForURL(`${base}/dashboard`);
    await expect(page.textContent('h1')).resolves.toContain('Hello, robin');
    await shot(page, '05-dashboard');

    await page.click('nav >> text=Log out');
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/account/password`);
    await page.waitForURL(/\/login\?next=%2Faccount%2Fpassword$/);
    await page.fill('#username', 'robin');
    await page.fill('#password', 'amber quartz lemon violin');
    await page.click('form[action="/login"] button');
    await page.waitForURL(`${base}/account/password`);
    await page.fill('#current', 'amber quartz lemon violin');
    await page.fill('#new', 'copper meadow lantern tide');
    await page.click('form[action="/account/password"] button');
    await expect(page.textContent('.flash')).resolves.toContain('Your password has been changed');
    await shot(page, '06-password-changed');

    await page.click('nav >> text=Sessions');
    await expect(page.locator('table.sessions tbody tr').count()).resolves.toBe(1);
    await expect(page.textContent('table.sessions')).resolves.toContain('this device');
    await shot(page, '07-sessions');

    await page.click('nav >> text=Log out');
    await page.goto(`${base}/dashboard`);
    await page.waitForURL(/\/login\?next=%2Fdashboard$/);
    await page.fill('#username', 'robin');
    await page.fill('#password', 'amber quartz lemon violin');
    await page.click('form[action="/login"] button');
    await expect(page.textContent('.flash.error')).resolves.toContain('Incorrect username or password.');
    await shot(page, '08-old-password-refused');
  }, 60_000);

  it('forgets the password, resets it from the mailed link, and signs in with the new one', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.click('text=Forgot your password?');
    await page.fill('#email', 'robin@example.test');
    await page.click('form[action="/password/forgot"] button');
    await page.waitForURL(`${base}/password/forgot/check-your-inbox`);
    await shot(page, '09-reset-requested');
    await openMail(page, 'robin@example.test', 'Reset your');
    await page.click('pre.mail a[href*="/password/reset/"]');
    // The token left the address bar at once.
    await page.waitForURL(`${base}/password/reset`);
    await shot(page, '10-reset-form');
    await page.fill('#new', 'silver orchard kettle drum');
    await page.click('form[action="/password/reset"] button');
    await page.waitForURL(`${base}/login`);
    await page.fill('#username', 'robin');
    await page.fill('#password', 'silver orchard kettle drum');
    await page.click('form[action="/login"] button');
    await page.waitForURL(`${base}/dashboard`);
    await openMail(page, 'robin@example.test', 'password was changed');
    await expect(page.textContent('pre.mail')).resolves.toContain('reset through an emailed link');
  }, 60_000);

  it('turns on two-factor authentication with a code the test computes, signs out, and signs in with the password and a code', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.fill('#username', 'robin');
    await page.fill('#password', 'silver orchard kettle drum');
    await page.click('form[action="/login"] button');
    await page.waitForURL(`${base}/dashboard`);
    await page.click('nav >> text=Two-factor');
    await shot(page, '11-two-factor-off');
    await page.click('form[action="/account/two-factor/setup"] button');
    await expect(page.locator('figure.qr svg').count()).resolves.toBe(1);
    await expect(page.textContent('code.otpauth')).resolves.toMatch(/^otpauth:\/\/totp\/demo-koa:robin\?/);
    await shot(page, '12-two-factor-setup');
    const secret = (await page.textContent('code.secret')) ?? '';
    await page.fill('#code', totpCode(secret, new Date()));
    await page.click('form[action="/account/two-factor/enable"] button');
    await expect(page.locator('ol.recovery-codes li').count()).resolves.toBe(10);
    await shot(page, '13-recovery-codes');

    await page.click('nav >> text=Log out');
    await page.goto(`${base}/login`);
    await page.fill('#username', 'robin');
    await page.fill('#password', 'silver orchard kettle drum');
    await page.click('form[action="/login"] button');
    await page.waitForURL(`${base}/login/two-factor`);
    await shot(page, '14-second-step');
    // The code just used for enrolment cannot be used again: the next 30-second step's code (±1 step is accepted).
    await page.fill('#code', totpCode(secret, new Date(Date.now() + 30_000)));
    await page.click('form[action="/login/two-factor"] button');
    await page.waitForURL(`${base}/dashboard`);
    await expect(page.textContent('h1')).resolves.toContain('Hello, robin');
  }, 60_000);
});
