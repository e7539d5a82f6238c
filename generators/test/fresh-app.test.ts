import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort, launchChromium } from '@acme/auth-core/testing/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsState, appDefaultPort, freeDefaultPort, listWorkspaceApps, workspaceScope } from '../src/index.js';
import { copyEnv, copyTemplate, repoState } from './template-copy.js';
import { DOWN, ENTER, genInTerminal } from './terminal.js';
import { sh } from './workspace-copy.js';

const SHOTS = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'test-results', 'screenshots');
// eslint-disable-next-line no-control-regex -- strip the colour codes from tool output
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

/**
 * From nothing to a running app: `gen app`, `gen auth` and `gen route` in a fresh copy of the
 * template (its own git repository and node_modules), each checked by turbo's typecheck, lint
 * and tests, and the result served and used in Chromium.
 */
describe('gen app + gen auth + gen route, from nothing to Chromium', () => {
  let ws: string;
  let scope: string;
  /** The new app's name: storefront, or storefront-2… when the workspace already has one (an initialised copy may). */
  let APP = 'storefront';
  const gen = async (...args: string[]) => {
    try {
      return { code: 0, out: plain(await sh(ws, 'pnpm', ['--silent', 'gen', ...args])) };
    } catch (error) {
      return { code: 1, out: plain((error as Error).message) };
    }
  };
  /** turbo builds auth-core first (the app depends on it), then checks the app: proof turbo picked it up. */
  const check = (app: string) => sh(ws, 'pnpm', ['exec', 'turbo', 'run', 'build', 'typecheck', 'lint', 'test', `--filter=${scope}/${app}`, '--concurrency=2', '--output-logs=errors-only']);
  const testCount = async (app: string) => {
    const report = JSON.parse(await readFile(path.join(ws, 'apps', app, 'test-results', 'vitest.json'), 'utf8')) as { numPassedTests: number; numFailedTests: number };
    return report;
  };

  /** The apps the "Which app?" list offers, in name order: gen auth's those without accounts, gen route's the others. */
  const offered = async (generator: 'auth' | 'route') => {
    const apps = [];
    for (const app of await listWorkspaceApps(ws)) if (((await accountsState(app.dir)) === 'without-accounts') === (generator === 'auth')) apps.push(app.name);
    return apps;
  };
  /** The keys that pick `app` in the "Which app?" list. */
  const pickApp = async (generator: 'auth' | 'route', app: string) => {
    const names = await offered(generator);
    expect(names).toContain(app);
    return { when: /Which app\?/, keys: [...Array.from({ length: names.indexOf(app) }, () => DOWN), ENTER] };
  };

  beforeAll(async () => {
    ws = await copyTemplate();
    scope = await workspaceScope(ws);
    for (let n = 2; existsSync(path.join(ws, 'apps', APP)); n += 1) APP = `storefront-${n}`;
    // Nothing is built in the copy, as in a fresh clone: each generator builds what its lint needs.
  }, 300_000);

  afterAll(async () => {
    // The copy holds a full node_modules: leave no gigabytes behind in the temp folder.
    if (ws) await rm(ws, { recursive: true, force: true });
  });

  it('validates before writing: bad, reserved and taken names, unknown apps, an app without sign-in', async () => {
    const before = await repoState(ws);
    const refusals: [string[], RegExp][] = [
      [['app', '--name', 'Shop'], /not a valid app name/],
      [['app', '--name', '../evil'], /not a valid app name/],
      [['app', '--name', 'auth-core'], /reserved/],
      [['app', '--name', 'x'], /not a valid app name/],
      [['auth', '--app', 'missing'], /Unknown app "missing"/],
      [['app'], /Missing --name/],
    ];
    if (existsSync(path.join(ws, 'apps', 'demo-koa'))) {
      refusals.push([['app', '--name', 'demo-koa'], /already exists/], [['auth', '--app', 'demo-koa'], /already has accounts/]);
    }
    for (const [args, message] of refusals) {
      const result = await gen(...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.out, args.join(' ')).toMatch(message);
    }
    expect(await repoState(ws)).toBe(before);
  });

  it('--dry-run lists exactly the files of the new app and writes nothing', async () => {
    const before = await repoState(ws);
    const { code, out } = await gen('app', '--name', APP, '--dry-run');
    expect(code).toBe(0);
    const lines = out.trim().split('\n').slice(1).map((l) => l.trim());
    expect(lines).toContain(`create apps/${APP}/package.json`);
    expect(lines).toContain(`create apps/${APP}/src/features.ts`);
    expect(lines).toContain(`create apps/${APP}/test/app.test.ts`);
    expect(lines.at(-1)).toMatch(/then run pnpm install/);
    expect(await repoState(ws)).toBe(before);
  });

  it('gen app writes an app that pnpm and turbo pick up, on a port of its own, whose checks and tests pass; a second run is refused', async () => {
    const port = await freeDefaultPort(ws);
    const { code, out } = await gen('app', '--name', APP);
    expect(code, out).toBe(0);
    expect(out).toContain(`open http://localhost:${port}`);
    expect(await appDefaultPort(path.join(ws, 'apps', APP))).toBe(port);
    const others = (await listWorkspaceApps(ws)).filter((a) => a.name !== APP);
    for (const other of others) expect(await appDefaultPort(other.dir), other.name).not.toBe(port);
    expect(await readFile(path.join(ws, 'pnpm-lock.yaml'), 'utf8')).toContain(`apps/${APP}:`);
    await check(APP);
    expect(await testCount(APP)).toMatchObject({ numPassedTests: 6, numFailedTests: 0 });
    const again = await gen('app', '--name', APP);
    expect(again.code).toBe(1);
    expect(again.out).toContain(`apps/${APP} already exists`);
    const route = await gen('route', '--app', APP, '--path', '/reports');
    expect(route.code).toBe(1);
    expect(route.out).toContain(`has no sign-in yet, so a protected route could never be reached. Run \`pnpm gen auth --app ${APP}\``);
  }, 300_000);

  // Issue 18 #6: the list offered every app, those that already have accounts too (gen auth then refused them).
  it('in a terminal, gen auth asks for the app, listing only apps without accounts, and --dry-run writes nothing', async () => {
    const before = await repoState(ws);
    const { code, out } = await genInTerminal(ws, ['auth', '--dry-run'], [await pickApp('auth', APP)]);
    expect(code, out).toBe(0);
    // The choices, as drawn between the question and its answer ("❯ storefront ? Which app? storefront").
    const drawn = /\(Use arrow keys\)\n([\s\S]*?)\? Which app\? /.exec(out)?.[1] ?? '';
    const listed = drawn.split('\n').map((line) => line.replace(/^[❯ ] /, '').trim()).filter((line) => line !== '');
    expect(listed).toEqual([APP]);
    const withAccounts = (await listWorkspaceApps(ws)).filter((a) => a.name !== APP).map((a) => a.name);
    for (const app of withAccounts) expect(listed).not.toContain(app);
    expect(out).toContain(`? Which app? ${APP}`);
    expect(out).toContain(`update apps/${APP}/src/features.ts`);
    expect(await repoState(ws)).toBe(before);
  }, 60_000);

  it('gen auth adds accounts and their pages; a second run is refused', async () => {
    const dry = await gen('auth', '--app', APP, '--dry-run');
    expect(dry.out).toContain(`update apps/${APP}/src/features.ts`);
    // The sign-in views are the app shell's defaults: gen auth copies none into the app.
    expect(dry.out).not.toMatch(/src\/views\/login\.njk/);
    expect(dry.out).toContain(`create apps/${APP}/src/routes/auth.ts`);
    const { code, out } = await gen('auth', '--app', APP);
    expect(code, out).toBe(0);
    const again = await gen('auth', '--app', APP);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/already has accounts/);
    // In a terminal no app is offered any more: the reason, not an empty list.
    if ((await offered('auth')).length === 0) {
      const none = await genInTerminal(ws, ['auth', '--dry-run'], []);
      expect(none.code, none.out).toBe(1);
      expect(none.out).toContain('gen: No app can take accounts');
    }
    // Checked together with gen route's output, in the next test (one turbo run less in CI).
  }, 300_000);

  it('gen route validates before writing and --dry-run lists exactly its files, touching nothing', async () => {
    const before = await repoState(ws);
    for (const args of [
      ['--path', '/../../etc'],
      ['--path', 'reports'],
      ['--path', '/Reports%2F'],
      ['--path', '/login'],
      ['--path', '/account/x'],
      ['--path', '/reports', '--role', 'Admins!'],
      ['--pth', '/reports'],
    ]) {
      const result = await gen('route', '--app', APP, ...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.out, args.join(' ')).toMatch(/gen: /);
    }
    expect((await gen('route', '--app', 'missing', '--path', '/reports')).out).toMatch(/Unknown app "missing"/);
    const dry = await gen('route', '--app', APP, '--path', '/reports', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out.trim().split('\n').slice(1).map((l) => l.trim())).toEqual([
      `create apps/${APP}/src/routes/generated/reports.ts`,
      `create apps/${APP}/src/views/generated/reports.njk`,
      `create apps/${APP}/test/generated/reports.test.ts`,
      `update apps/${APP}/src/routes/generated/index.ts`,
    ]);
    // Issue 18 #6: a bad answer is asked again with the reason (it crashed naming --path, which
    // nobody typed), and every option can be chosen at a prompt: title, role, second factor, JSON.
    const prompted = await genInTerminal(ws, ['route', '--dry-run'], [
      await pickApp('route', APP),
      { when: /Route path/, keys: [...'prompted', ENTER] },
      { when: /The path must start with "\/"/, keys: ['\u0015', ...'/prompted', ENTER] },
      { when: /Page title/, keys: [...'Prompted page', ENTER] },
      { when: /Role required/, keys: [...'Admins!', ENTER] },
      { when: /The role "Admins!" must be/, keys: ['\u0015', ...'admin', ENTER] },
      { when: /Require a second factor/, keys: ['y', ENTER] },
      { when: /JSON instead of a page/, keys: ['y', ENTER] },
    ]);
    expect(prompted.code, prompted.out).toBe(0);
    expect(prompted.out).not.toContain('--path');
    expect(prompted.out).toContain(`create apps/${APP}/src/routes/generated/prompted.ts`);
    expect(prompted.out).not.toContain('views/generated/prompted.njk');
    expect(await repoState(ws)).toBe(before);
  }, 60_000);

  it('gen route fails loudly when the app does not call the registry, touching nothing', async () => {
    const appTs = path.join(ws, 'apps', APP, 'src', 'app.ts');
    const source = await readFile(appTs, 'utf8');
    await writeFile(appTs, source.replace('registerGeneratedRoutes(router);', ''));
    try {
      const result = await gen('route', '--app', APP, '--path', '/orphan');
      expect(result.code).toBe(1);
      expect(result.out).toContain('does not call registerGeneratedRoutes(router)');
      expect(existsSync(path.join(ws, 'apps', APP, 'src', 'routes', 'generated', 'orphan.ts'))).toBe(false);
    } finally {
      await writeFile(appTs, source);
    }
  });

  it('gen route adds a page, a JSON, a role-guarded and a second-factor route; the app with its auth pages and routes checks and its tests pass; the same route twice is refused', async () => {
    for (const args of [
      ['--path', '/reports', '--name', 'Monthly reports'],
      ['--path', '/api/stats', '--json'],
      ['--path', '/admin/audit', '--role', 'admin'],
      ['--path', '/billing', '--role', 'admin', '--mfa'],
    ]) {
      const { code, out } = await gen('route', '--app', APP, ...args);
      expect(code, out).toBe(0);
    }
    const registry = await readFile(path.join(ws, 'apps', APP, 'src', 'routes', 'generated', 'index.ts'), 'utf8');
    expect(registry.split('\n')[0]).toBe('// generated — do not edit by hand');
    for (const module of ['dashboard', 'reports', 'api-stats', 'admin-audit', 'billing']) expect(registry).toContain(`from './${module}.js'`);
    expect(await readFile(path.join(ws, 'apps', APP, 'src', 'routes', 'generated', 'billing.ts'), 'utf8')).toContain("mfa: true");
    expect((await gen('route', '--app', APP, '--path', '/reports')).out).toMatch(/already (a route|exists)/);
    await check(APP);
    // app 6 + auth 6 + the dashboard's 4 (gen auth made it with the route generator) + reports 4, api-stats 4, admin-audit 5, billing (role + mfa) 6.
    expect(await testCount(APP)).toMatchObject({ numPassedTests: 35, numFailedTests: 0 });
  }, 300_000);

  describe('the app in Chromium', () => {
    let server: ChildProcess;
    let browser: Browser;
    let base: string;
    const logs: string[] = [];

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      server = spawn(process.execPath, ['dist/server.js'], {
        cwd: path.join(ws, 'apps', APP),
        env: { ...copyEnv(), PORT: String(port), APP_ORIGIN: base, DATABASE_URL: path.join(ws, 'apps', APP, 'data', 'e2e.db') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server.stdout?.on('data', (d: Buffer) => logs.push(d.toString()));
      server.stderr?.on('data', (d: Buffer) => logs.push(d.toString()));
      for (let i = 0; i < 100 && !logs.join('').includes('listening on'); i += 1) await new Promise((r) => setTimeout(r, 100));
      expect(logs.join(''), logs.join('')).toContain(`${APP} listening on`);
      browser = await launchChromium();
    }, 60_000);

    afterAll(async () => {
      await browser.close();
      server.kill('SIGTERM');
    });

    const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `fresh-app-${name}.png`), fullPage: true });

    it('registers, reaches the generated page, is refused the admin page, logs out', async () => {
      const page = await browser.newPage();
      await page.goto(`${base}/reports`);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/reports');
      await shot(page, '01-login-with-next');
      await page.goto(`${base}/register`);
      await page.fill('#username', 'robin');
      await page.fill('#email', 'robin@example.test');
      await page.fill('#password', 'amber quartz lemon violin');
      await page.click('button[type=submit]');
      await page.waitForURL(`${base}/register/check-your-inbox`);
      // The server's mail worker (polling each second) delivers to /dev/mail: no SMTP_URL in development.
      await expect
        .poll(async () => {
          await page.goto(`${base}/dev/mail`);
          return page.isVisible('a:has-text("Confirm your email address")');
        }, { timeout: 15_000 })
        .toBe(true);
      await page.click('a:has-text("Confirm your email address")');
      await page.click('pre.mail a[href*="/email/verify/"]');
      await page.click('form[action^="/email/verify/"] button');
      await expect(page.textContent('h1')).resolves.toContain('Address confirmed');
      await page.goto(`${base}/login`);
      await page.fill('#username', 'robin@example.test');
      await page.fill('#password', 'amber quartz lemon violin');
      await page.click('form[action="/login"] button');
      await expect(page.textContent('h1')).resolves.toContain('Hello, robin');
      await shot(page, '02-dashboard');
      await page.goto(`${base}/reports`);
      await expect(page.textContent('h1')).resolves.toContain('Monthly reports');
      await shot(page, '03-generated-page');
      const admin = await page.goto(`${base}/admin/audit`);
      expect(admin?.status()).toBe(403);
      await expect(page.textContent('h1')).resolves.toContain('Not allowed');
      await shot(page, '04-admin-refused');
      await page.click('text=Log out');
      await page.goto(`${base}/reports`);
      expect(new URL(page.url()).pathname).toBe('/login');
      await page.close();
    }, 60_000);
  });
});
