import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasRole } from '@acme/auth-core';
import { loginRequired } from '@acme/auth-core/koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoutes, authRoutes, createWebApp, readAppConfig, requireAccounts, type WebApp } from '../../src/index.js';
import { freshPostgresDatabase, freshSqliteDatabase, type FreshDatabase } from '../../src/testing/databases.js';
import { client, logIn, testAppConfig } from '../../src/testing/index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.join(HERE, 'fixture-app');
const MAIN = path.resolve(HERE, '..', '..', 'src', 'cli', 'main.ts');
const PASSWORD = 'correct horse battery staple 42';

/** Runs `pnpm users …` (its entry, as the root script does) as a process on the fixture app; `input` is piped to standard input. */
function users(env: Record<string, string>, args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args, '--app-dir', FIXTURE], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(input);
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const deployments: { name: string; database: () => Promise<FreshDatabase>; env: (url: string) => Record<string, string> }[] = [
  { name: 'SQLite', database: freshSqliteDatabase, env: (url) => ({ DATABASE_URL: url }) },
  // PostgreSQL with sessions in Redis, as a scaled-out deployment runs.
  { name: 'PostgreSQL', database: () => freshPostgresDatabase(), env: (url) => ({ DATABASE_URL: url, REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_PREFIX: `users-cli-${randomBytes(4).toString('hex')}:` }) },
];

describe.each(deployments)('pnpm users on $name, as a process', ({ database, env: envFor }) => {
  let db: FreshDatabase;
  let env: Record<string, string>;
  let web: WebApp;

  beforeAll(async () => {
    db = await database();
    env = envFor(db.url);
    // The app the CLI's changes must reach: the same database and session store, in this process.
    const { config } = testAppConfig(readAppConfig(env, { appRoot: FIXTURE, appName: 'cli-fixture' }), { databaseUrl: db.url });
    web = await createWebApp({
      config,
      routes: (router, services) => {
        authRoutes(router, { ...requireAccounts(services), appName: 'cli-fixture' });
        accountRoutes(router, { ...requireAccounts(services), appName: 'cli-fixture' });
        router.get('/admin', loginRequired({ can: (user) => hasRole(user, 'admin') }), (ctx) => (ctx.body = 'admin page'));
      },
      migrations: (await import('./fixture-app/src/features.js')).migrations,
    });
  }, 60_000);
  afterAll(async () => {
    await web.close();
    await db.drop();
  });

  it('creates an admin from standard input, who opens the admin route; revoke → 403, grant → 200, disable → signed out at the next request; every change logged', async () => {
    const created = await users(env, ['create', '--username', 'root-admin', '--email', 'Root@Example.com', '--role', 'admin'], `${PASSWORD}\n`);
    expect(created, created.stderr).toMatchObject({ code: 0 });
    expect(created.stdout).toBe('Created root-admin with role admin.\n');
    expect(JSON.parse(created.stderr.trim())).toMatchObject({ type: 'admin.user_created', username: 'root-admin', outcome: 'success', reason: 'roles:admin' });

    const browser = client(web);
    expect((await logIn(browser, 'root-admin', PASSWORD)).status).toBe(302);
    expect((await browser.get('/admin')).status).toBe(200);

    const revoked = await users(env, ['revoke', '--username', 'root-admin', '--role', 'admin']);
    expect(revoked, revoked.stderr).toMatchObject({ code: 0, stdout: 'root-admin now has no role.\n' });
    expect(JSON.parse(revoked.stderr.trim())).toMatchObject({ type: 'admin.role_revoked', reason: 'role:admin' });
    expect((await browser.get('/admin')).status).toBe(403);

    expect((await users(env, ['grant', '--username', 'root-admin', '--role', 'admin'])).code).toBe(0);
    expect((await browser.get('/admin')).status).toBe(200);

    const listed = await users(env, ['list']);
    expect(listed.code).toBe(0);
    const [header, row] = listed.stdout.trim().split('\n');
    expect(header?.split(/\s{2,}/)).toEqual(['username', 'email', 'verified', 'roles', 'disabled', 'created', 'last sign-in']);
    expect(row?.split(/\s{2,}/)).toMatchObject(['root-admin', 'Root@Example.com', 'yes', 'admin', 'no', expect.stringMatching(/^\d{4}-/), expect.stringMatching(/^\d{4}-/)]);

    const sessions = await users(env, ['sessions', '--username', 'root-admin']);
    expect(sessions.stdout.trim().split('\n')).toHaveLength(2);

    const disabled = await users(env, ['disable', '--username', 'root-admin']);
    expect(disabled, disabled.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(disabled.stderr.trim())).toMatchObject({ type: 'admin.user_disabled', username: 'root-admin' });
    const next = await browser.get('/admin');
    expect(next.status).toBe(302);
    expect(next.headers.location).toBe('/login?next=%2Fadmin');
    // A disabled account cannot sign in: the same answer as a wrong password.
    const again = await logIn(browser, 'root-admin', PASSWORD);
    expect(again.status).toBe(400);
    expect(again.text).toContain('Incorrect username or password.');
    expect((await users(env, ['list'])).stdout).toMatch(/root-admin .* yes /);

    expect((await users(env, ['enable', '--username', 'root-admin'])).code).toBe(0);
    expect((await logIn(browser, 'root-admin', PASSWORD)).status).toBe(302);
    const signOut = await users(env, ['sign-out', '--username', 'root-admin']);
    expect(signOut, signOut.stderr).toMatchObject({ code: 0 });
    expect(signOut.stdout).toMatch(/^Signed root-admin out everywhere \(\d+ sessions? ended\)\.\n$/);
    expect((await browser.get('/admin')).status).toBe(302);
  }, 120_000);

});

// Parsing and validation are the same code on every database: checked once, on SQLite, all cases at once (each is a process).
describe('pnpm users on bad input', () => {
  it('exits 1 with one clear line on standard error, printing and changing nothing', async () => {
    const db = await freshSqliteDatabase();
    try {
      const env = { DATABASE_URL: db.url };
      expect((await users(env, ['create', '--username', 'root-admin', '--email', 'root@example.com'], `${PASSWORD}\n`)).code).toBe(0);
      const cases: [string[], string, RegExp][] = [
        [['grant', '--username', 'nobody', '--role', 'admin'], '', /^users: No user named "nobody"\.\n$/],
        [['grant', '--username', 'root-admin', '--role', 'Admin!'], '', /^users: "Admin!" is not a role name: .*\n$/],
        [['create', '--username', 'weakling'], 'short\n', /^users: Use at least 15 characters\..*\n$/],
        [['create', '--username', 'root-admin'], `${PASSWORD}\n`, /^users: "root-admin" is taken\.\n$/],
        [['create', '--username', 'no-password'], '', /^users: No password on standard input: .*\n$/],
        [['create', '--username', 'injector', '--email', 'a@b.example\r\nBcc: victim@c.example'], `${PASSWORD}\n`, /^users: --email: Enter an email address such as name@example\.com\.\n$/],
        [['create', '--username', 'second-root', '--email', 'ROOT@example.com'], `${PASSWORD}\n`, /^users: --email: ROOT@example\.com is already the verified address of another account\.\n$/],
        [['delete', '--username', 'root-admin'], '', /^users: Unknown command "delete"\. Commands: create, grant, revoke, disable, enable, list, sessions, sign-out\.\n$/],
        [['list', '--colour'], '', /^users: Unknown option '--colour'.*\n$/],
      ];
      const results = await Promise.all(cases.map(([args, input]) => users(env, args, input)));
      for (const [i, [args, , message]] of cases.entries()) {
        const result = results[i];
        expect(result?.code, args.join(' ')).toBe(1);
        expect(result?.stderr, args.join(' ')).toMatch(message);
        expect(result?.stdout, args.join(' ')).toBe('');
      }
      expect((await users(env, ['list'])).stdout.trim().split('\n')).toHaveLength(2);
    } finally {
      await db.drop();
    }
  }, 120_000);
});
