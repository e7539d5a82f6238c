import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SCRYPT_PARAMS } from '@acme/auth-core';
import { findUnprotectedRoutes } from '@acme/auth-core/testing';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { type AppConfig, DEFAULT_VIEWS_DIR, readAppConfig, viewEnvironment } from '../../src/app/index.js';
import { client, freshSqliteDatabase, logIn, register, signUp, TEST_ORIGIN as ORIGIN, TEST_PASSWORD as PASSWORD, tokenFrom, tokenIn } from '../../src/testing/index.js';
import { AUTH_PUBLIC_PATHS } from '../../src/pages/index.js';
import { PACKAGE_ROOT, shippedAppPerTest } from './shipped-app.js';

// The acceptance rows of the shipped sign-up, sign-in and account pages, on the services an app
// gets by default (sessions in the accounts database, not the shipped-app fixture's memory store).
const open = shippedAppPerTest();
const demo = (config: Partial<AppConfig> = {}) => open({ config: { sessionStore: undefined, ...config } });

/** Paths the shipped pages leave open to anonymous visitors. */
const PUBLIC_PATHS = AUTH_PUBLIC_PATHS;

/** A key as `openssl rand -base64 32` prints it (production refuses patterned keys). */
const PRODUCTION_KEY = 'HckOxADfgF29PvH3GIRjEDWt1XuvA+d/UgW+G6+PGwo=';

const DATABASES = ['in-memory SQLite', 'a SQLite file'] as const;

/** `:memory:`, or a new SQLite file removed after the test. */
async function databaseUrl(where: (typeof DATABASES)[number]): Promise<string> {
  if (where === 'in-memory SQLite') return ':memory:';
  const fresh = await freshSqliteDatabase();
  onTestFinished(() => fresh.drop());
  return fresh.url;
}

/** The installed version of one of the shell's dependencies. */
function installedVersion(pkg: string): string {
  return (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Whether semver `v` is at or above `floor` (major.minor.patch). */
function atLeast(v: string, floor: string): boolean {
  const a = v.split('.').map(Number);
  const b = floor.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

function sid(res: { headers: Record<string, unknown> }): string | undefined {
  const cookies = res.headers['set-cookie'];
  const list = Array.isArray(cookies) ? (cookies as string[]) : [];
  return list.find((c) => c.startsWith('sid='))?.split(';')[0]?.slice(4);
}

describe('authentication', () => {
  it('SEC-AUTH-01 unknown user and wrong password get the same status, headers and body', async () => {
    const d = await demo();
    await register(client(d));
    const strip = (res: { status: number; text: string; headers: Record<string, unknown> }) => ({
      status: res.status,
      body: res.text.replace(/name="_csrf" value="[^"]+"/g, '').replace(/value="(nouser|alice)"/, 'value=""'),
      headers: Object.fromEntries(Object.entries(res.headers).filter(([k]) => !['date', 'set-cookie', 'content-length'].includes(k))),
    });
    const unknown = strip(await logIn(client(d), 'nouser', 'some password here'));
    const wrong = strip(await logIn(client(d), 'alice', 'some password here'));
    expect(unknown).toEqual(wrong);
    expect(unknown.status).toBe(400);
  });

  it('signs in with the username or a VERIFIED email address, never an unverified one (part of SEC-MAIL-02)', async () => {
    const d = await demo();
    await register(client(d));
    await register(client(d), 'mallory');
    const users = d.services.users;
    const alice = await users.findByUsername('alice');
    const mallory = await users.findByUsername('mallory');
    if (!alice || !mallory) throw new Error('both accounts exist');
    await users.setEmail(mallory.id, { address: 'alice@example.com', normalized: 'alice@example.com' }, false);
    expect((await logIn(client(d), 'alice@example.com')).status).toBe(400);
    await users.setEmail(alice.id, { address: 'Alice@Example.com', normalized: 'alice@example.com' }, true);
    const byEmail = await logIn(client(d), 'ALICE@example.com');
    expect(byEmail.status).toBe(302);
    expect(byEmail.headers.location).toBe('/dashboard');
    expect((await logIn(client(d), 'alice')).status).toBe(302);
    expect((await logIn(client(d), 'alice@example.com', 'wrong password, long enough')).status).toBe(400);
  });

  it('SEC-AUTH-02 runs exactly one hash for an unknown user and for a wrong password', async () => {
    const d = await demo();
    await register(client(d));
    const verify = vi.spyOn(d.services.hasher, 'verify');
    await logIn(client(d), 'nouser', 'some password here');
    expect(verify).toHaveBeenCalledTimes(1);
    verify.mockClear();
    await logIn(client(d), 'alice', 'some password here');
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('SEC-AUTH-08 refuses a 1 MB password quickly without hashing, never a 500', async () => {
    const d = await demo();
    const a = client(d);
    const _csrf = await tokenFrom(a);
    const verify = vi.spyOn(d.services.hasher, 'verify');
    const body = `username=alice&_csrf=${encodeURIComponent(_csrf)}&password=${'x'.repeat(1024 * 1024)}`; // built before timing
    const started = performance.now();
    const res = await a.post('/login').set('Origin', ORIGIN).type('form').send(body);
    expect(performance.now() - started).toBeLessThan(500);
    expect([400, 413]).toContain(res.status);
    expect(verify).not.toHaveBeenCalled();
  });

  it.each([
    ['username[]=a', 'username[]=alice&password=x&_csrf=T'],
    ['password[]=a&password[]=b', 'username=alice&password[]=a&password[]=b&_csrf=T'],
    ['password[$ne]=1', 'username=alice&password[$ne]=1&_csrf=T'],
    ['repeated password', 'username=alice&password=a&password=b&_csrf=T'],
  ])('SEC-AUTH-09 refuses parameter pollution (%s) with 400', async (_label, body) => {
    const d = await demo();
    await register(client(d));
    const a = client(d);
    const token = await tokenFrom(a);
    const res = await a.post('/login').set('Origin', ORIGIN).type('form').send(body.replace('_csrf=T', `_csrf=${encodeURIComponent(token)}`));
    expect(res.status).toBe(400);
    expect((await a.get('/dashboard')).status).toBe(302);
  });

  it('SEC-AUTH-09 refuses a JSON object where a string belongs', async () => {
    const d = await demo();
    const a = client(d);
    const _csrf = await tokenFrom(a);
    const res = await a.post('/login').set('Origin', ORIGIN).send({ username: 'alice', password: { a: 1 }, _csrf });
    expect(res.status).toBe(400);
  });

  it('SEC-AUTH-10 a production boot with an empty database has no accounts, default or otherwise', async () => {
    const d = await demo({
      production: true,
      sessionKeys: [PRODUCTION_KEY],
      appOrigin: 'https://app.test',
      trustProxy: 1,
      scrypt: DEFAULT_SCRYPT_PARAMS,
      smtpUrl: 'smtps://mailer:pw@smtp.app.test:465',
    });
    expect(await d.services.users.count()).toBe(0);
    for (const [u, p] of [['admin', 'admin'], ['root', 'root'], ['demo', 'demo']]) {
      const a = client(d);
      const page = await a.get('/login').set('X-Forwarded-Proto', 'https');
      // superagent's jar keeps Secure cookies to itself over plain http: pass them by hand
      const cookie = ((page.headers['set-cookie'] as unknown as string[] | undefined) ?? []).map((c) => c.split(';')[0]).join('; ');
      const res = await a
        .post('/login')
        .set({ 'X-Forwarded-Proto': 'https', Origin: 'https://app.test', Cookie: cookie })
        .type('form')
        .send({ username: u, password: p, _csrf: tokenIn(page.text) });
      expect(res.status).toBe(400);
      expect(res.text).toContain('Incorrect username or password.');
    }
  }, 30_000);

  it('SEC-AUTH-11 the 21st registration from one IP within an hour is refused', async () => {
    const d = await demo();
    for (let i = 0; i < 20; i += 1) expect((await register(client(d), `user${i}`)).status).toBe(302);
    const res = await register(client(d), 'user21');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('SEC-AUTH-12 a password change needs the current password, is throttled, applies the policy', async () => {
    const d = await demo();
    const a = client(d);
    await register(a);
    const before = (await d.services.users.findByUsername('alice'))?.passwordHash;
    const change = async (current: string, next: string) => {
      const _csrf = await tokenFrom(a, '/account/password');
      return a.post('/account/password').set('Origin', ORIGIN).type('form').send({ current, new: next, _csrf });
    };
    const wrong = await change('not my password', 'copper meadow lantern tide');
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Your current password is not correct.');
    expect((await d.services.users.findByUsername('alice'))?.passwordHash).toBe(before);
    expect((await change(PASSWORD, 'passwordpassword')).status).toBe(400);
    expect((await change(PASSWORD, 'copper meadow lantern tide')).status).toBe(302);
    expect((await logIn(client(d), 'alice', 'copper meadow lantern tide')).status).toBe(302);
    for (let i = 0; i < 10; i += 1) await change('not my password', 'another lantern tide');
    expect((await change('copper meadow lantern tide', 'another fine lantern tide')).status).toBe(429);
  });

  it('SEC-AUTH-13 the shipped pages log login failure and success as structured records without the password', async () => {
    const d = await demo();
    await signUp(client(d));
    await logIn(client(d), 'alice', 'canary password 123');
    await logIn(client(d));
    const types = d.records.map((r) => (r as { type: string }).type);
    expect(types).toEqual(['user.registered', 'email.verification_sent', 'login.failed', 'login.succeeded']);
    expect(JSON.stringify(d.records)).not.toContain('canary password');
  });
});

describe('sessions on the shipped pages', () => {
  it('SEC-SESS-03 regenerates the id at login: the session S0 of another user on this browser dies, nothing carries over', async () => {
    const d = await demo();
    await register(client(d));
    const a = client(d);
    // A GET never creates S0 (anonymous state row): the login page sets no session cookie.
    const page = await a.get('/login');
    expect(sid(page)).toBeUndefined();
    const s0 = sid(await register(a, 'bob'));
    expect(s0).toBeDefined();
    const bob = await d.services.users.findByUsername('bob');
    const res = await a.post('/login').set('Origin', ORIGIN).type('form').send({ username: 'alice', password: PASSWORD, _csrf: await tokenFrom(a, '/register') });
    expect(res.status).toBe(302);
    expect(sid(res)).toBeDefined();
    expect(sid(res)).not.toBe(s0);
    expect((await client(d).get('/dashboard').set('Cookie', `sid=${s0 ?? ''}`)).status).toBe(302);
    expect(await d.services.sessions.listByUser(bob?.id ?? '')).toEqual([]);
    expect((await a.get('/dashboard')).text).toContain('Hello, alice');
  });

  it('anonymous GETs keep no state: the redirect and the public pages neither read nor write the session store', async () => {
    const d = await demo();
    const store = d.services.sessions;
    const calls = (['get', 'create', 'update', 'destroy'] as const).map((method) => vi.spyOn(store, method));
    const anonymous = client(d);
    const redirect = await anonymous.get('/dashboard');
    expect(redirect.status).toBe(302);
    expect(sid(redirect)).toBeUndefined();
    for (const path of ['/login', '/register', '/password/forgot']) expect((await anonymous.get(path)).status).toBe(200);
    for (const call of calls) expect(call).not.toHaveBeenCalled();
  });

  it('SEC-SESS-05 logout is POST with CSRF, kills the session; GET /logout is 405', async () => {
    const d = await demo();
    const a = client(d);
    await register(a);
    expect((await a.get('/logout')).status).toBe(405);
    expect((await a.get('/dashboard')).status).toBe(200);
    const _csrf = await tokenFrom(a, '/dashboard');
    const res = await a.post('/logout').set('Origin', ORIGIN).type('form').send({ _csrf });
    expect(res.status).toBe(302);
    expect(res.headers['clear-site-data']).toBe('"cache", "storage"');
    expect((await a.get('/dashboard')).status).toBe(302);
  });

  // Revocation reads the user on every request: through kysely on in-memory SQLite, on the
  // read-only second connection on a SQLite file (the default deployment), so both are checked.
  it.each(DATABASES)('SEC-SESS-08 a password change keeps this session on a new id and ends the others (%s)', async (where) => {
    const d = await demo({ databaseUrl: await databaseUrl(where) });
    const a = client(d);
    const b = client(d);
    const reg = await register(a);
    const oldA = sid(reg);
    await logIn(b);
    const _csrf = await tokenFrom(a, '/account/password');
    const res = await a.post('/account/password').set('Origin', ORIGIN).type('form').send({ current: PASSWORD, new: 'copper meadow lantern tide', _csrf });
    expect(res.status).toBe(302);
    expect(sid(res)).toBeDefined();
    expect(sid(res)).not.toBe(oldA);
    expect((await a.get('/dashboard')).status).toBe(200);
    expect((await b.get('/dashboard')).status).toBe(302);
    expect((await client(d).get('/dashboard').set('Cookie', `sid=${oldA ?? ''}`)).status).toBe(302);
  });

  it.each(DATABASES)('SEC-SESS-09 a disabled user is signed out on the next request (%s)', async (where) => {
    const d = await demo({ databaseUrl: await databaseUrl(where) });
    const a = client(d);
    await register(a);
    const user = await d.services.users.findByUsername('alice');
    await d.services.users.setDisabled(user?.id ?? '', true);
    expect((await a.get('/dashboard')).status).toBe(302);
    expect((await logIn(client(d))).status).toBe(400);
  });

  // #region complete-mediation
  it('SEC-SESS-10 every route outside the public allow-list refuses anonymous requests', async () => {
    const d = await demo();
    await expect(findUnprotectedRoutes(d.app, d.router, { publicPaths: PUBLIC_PATHS })).resolves.toEqual([]);
  });
  // #endregion complete-mediation

  it('SEC-SESS-13 every signed-in page has a POST logout form with a CSRF token', async () => {
    const d = await demo();
    const a = client(d);
    await register(a);
    for (const page of ['/dashboard', '/account/password', '/account/sessions']) {
      const html = (await a.get(page)).text;
      expect(html, page).toMatch(/<form method="post" action="\/logout"[^>]*>\s*<input type="hidden" name="_csrf" value="[^"]+">/);
    }
  });

  it('SEC-CSRF-01 /register and /account/password refuse a missing token with no side effect', async () => {
    const d = await demo();
    const res = await client(d).post('/register').set('Origin', ORIGIN).type('form').send({ username: 'mallory', password: PASSWORD });
    expect(res.status).toBe(403);
    expect(await d.services.users.count()).toBe(0);
    const a = client(d);
    await register(a);
    const before = (await d.services.users.findByUsername('alice'))?.passwordHash;
    expect((await a.post('/account/password').set('Origin', ORIGIN).type('form').send({ current: PASSWORD, new: 'copper meadow lantern tide' })).status).toBe(403);
    expect((await d.services.users.findByUsername('alice'))?.passwordHash).toBe(before);
  });

  it('SEC-HDR-05 no-store on signed-in pages, auth forms and cookie-setting redirects', async () => {
    const d = await demo();
    const a = client(d);
    for (const page of ['/login', '/register']) expect((await a.get(page)).headers['cache-control']).toBe('no-store');
    const reg = await register(a);
    expect(reg.headers['cache-control']).toBe('no-store');
    for (const page of ['/dashboard', '/account/password', '/account/sessions']) expect((await a.get(page)).headers['cache-control']).toBe('no-store');
  });
});

describe('output and errors', () => {
  it('SEC-RD-03 escapes next in the login form and never puts it in a link or a script', async () => {
    const d = await demo();
    const res = await client(d).get('/login?next=' + encodeURIComponent('/"><script>alert(1)</script>'));
    expect(res.text).toContain('&quot;&gt;&lt;script&gt;');
    expect(res.text).not.toContain('<script>alert(1)');
  });

  it('SEC-MISC-01 escapes user data in pages; no | safe in views; autoescape is on', async () => {
    const d = await demo();
    await d.services.users.create('<b>x</b>', (await d.services.hasher.hash(PASSWORD)));
    const a = client(d);
    await logIn(a, '<b>x</b>');
    const html = (await a.get('/dashboard')).text;
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).not.toContain('<b>x</b>');
    // The shell's default views: layout, sign-in and account pages (every app renders these).
    const files = readdirSync(DEFAULT_VIEWS_DIR, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith('.njk'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(path.join(file.parentPath, file.name), 'utf8')).not.toMatch(/\|\s*safe/);
    // Pages and HTML mail parts are autoescaped; only plain-text mail parts opt out.
    expect(viewEnvironment(PACKAGE_ROOT).renderString('{{ x }}', { x: '<b>' })).toBe('&lt;b&gt;');
  });

  it("SEC-MISC-02 SQL-looking usernames are just usernames; no SQL built from strings", async () => {
    const d = await demo();
    await register(client(d));
    const res = await logIn(client(d), "' OR '1'='1' --", 'anything at all here');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Incorrect username or password.');
    // The accounts code (auth-core's session stores have their own check, in auth-core).
    const dir = path.join(PACKAGE_ROOT, 'src', 'accounts');
    for (const file of readdirSync(dir)) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/\.(prepare|exec)\(\s*`[^`]*\$\{/);
      expect(text, file).not.toMatch(/sql\.raw\(/);
    }
  });

  it('SEC-MISC-03 production errors are generic: no stack, no paths, no SQL', async () => {
    const d = await demo({ production: true, sessionKeys: [PRODUCTION_KEY], appOrigin: 'https://app.test', trustProxy: 1, scrypt: DEFAULT_SCRYPT_PARAMS, smtpUrl: 'smtps://mailer:pw@smtp.app.test:465' });
    d.router.get('/explode', () => {
      throw new Error('SELECT password_hash FROM users at /srv/app/src/db/users.ts:42');
    });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await client(d).get('/explode').set('X-Forwarded-Proto', 'https');
    spy.mockRestore();
    expect(res.status).toBe(500);
    expect(res.text).not.toMatch(/ at |\/srv\/|SELECT|users\.ts/);
    expect(res.text).toContain('Something went wrong');
    const bad = await client(d).post('/login').set({ 'X-Forwarded-Proto': 'https', 'Content-Type': 'application/json' }).send('{"broken": ');
    expect([400, 403]).toContain(bad.status);
  }, 30_000);

  it('SEC-MISC-04 dependency floors of the shell: koa ≥ 3.1.2, nunjucks ≥ 3.2.4', () => {
    // koa-session and scrypt-kdf come through auth-core, whose own test checks them.
    expect(atLeast(installedVersion('koa'), '3.1.2')).toBe(true);
    expect(atLeast(installedVersion('nunjucks'), '3.2.4')).toBe(true);
  });

  it('refuses to start in production without SESSION_KEYS, saying what to do', () => {
    const loadConfig = (env: NodeJS.ProcessEnv) => readAppConfig(env, { appRoot: PACKAGE_ROOT, appName: 'shell' });
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_KEYS is required in production/);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT must be a whole number/);
    expect(() => loadConfig({ APP_ORIGIN: 'ftp://x' })).toThrow(/APP_ORIGIN must be an http\(s\) origin/);
  });

  it('refuses an unsafe production configuration with the list of fixes', async () => {
    await expect(demo({ production: true, sessionKeys: ['short'], appOrigin: 'http://app.test', smtpUrl: 'smtps://mailer:pw@smtp.app.test:465' })).rejects.toThrow(/Refusing to start[\s\S]*32[\s\S]*test-only[\s\S]*HTTPS/);
  });
});

describe('start-up failures', () => {
  it('says clearly when PostgreSQL cannot be reached at start, without printing the password', async () => {
    await expect(demo({ databaseUrl: 'postgres://demo:s3cret@127.0.0.1:1/demo' })).rejects.toThrow(
      /^Could not prepare the database at postgres:\/\/demo:\*\*\*@127\.0\.0\.1:1\/demo: .*ECONNREFUSED.*Check that the database is running/,
    );
  });
});
