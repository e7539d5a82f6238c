// The read caches (AUTH_CACHE, on by default) against revocations made by another process on the
// same SQLite files. The second process serves the signed-in user from its caches (its session
// record and user row were read by an earlier request); the first process, or the users CLI, then
// revokes; the very next request to the second process must be signed out.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { digestSessionId } from '@acme/auth-core';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAppConfig, type WebApp } from '../../src/app/index.js';
import { client, logIn, mailedLink, signUp, confirmEmail, TEST_ORIGIN, TEST_PASSWORD, testAppConfig, testEmail, tokenFrom, tokenIn, type TestAgent } from '../../src/testing/index.js';
import { accountPagesApp } from '../app/account-pages-app.js';

const HERE = import.meta.dirname;
const CLI = path.resolve(HERE, '..', '..', 'src', 'cli', 'main.ts');
const CLI_APP = path.resolve(HERE, '..', 'cli', 'fixture-app');
const dir = mkdtempSync(path.join(tmpdir(), 'two-process-'));
const databaseUrl = path.join(dir, 'app.db');
const env: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  DATABASE_URL: databaseUrl,
  SESSION_STORE: 'sqlite',
  SESSION_KEYS: randomBytes(32).toString('base64url'),
  DATA_KEYS: randomBytes(32).toString('base64url'),
  APP_ORIGIN: TEST_ORIGIN,
};

let first: WebApp;
let second: ChildProcess;
let secondUrl: string;

/** Starts the second process and waits for its port. */
function startSecond(): Promise<string> {
  second = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'second-process.ts')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  second.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
  return new Promise((resolve, reject) => {
    second.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const port = /READY (\d+)/.exec(out)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    second.once('exit', (code) => reject(new Error(`the second process exited (${code}): ${err}`)));
  });
}

/** Runs `pnpm users …` (its entry) as a third process on the same files. */
function users(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args, '--app-dir', CLI_APP], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

beforeAll(async () => {
  // The first process is this one: the test config, on the shared file, with the real clock (the
  // second process has it too, and both read each other's timestamps).
  const { config } = testAppConfig(readAppConfig(env, { appRoot: HERE, appName: 'two-process' }), { databaseUrl, now: Date.now });
  first = await accountPagesApp(config);
  secondUrl = await startSecond();
}, 60_000);

afterAll(async () => {
  second?.kill('SIGTERM');
  await first?.close();
  rmSync(dir, { recursive: true, force: true });
});

let users_ = 0;
/** A new account, signed in on both processes: the first process's agent, and the second's with the session id's digest. */
async function signedInTwice(): Promise<{ username: string; here: TestAgent; there: TestAgent; thereDigest: string }> {
  const username = `user${(users_ += 1)}`;
  const here = client(first);
  expect((await signUp(here, username)).status).toBe(302);
  expect((await logIn(here, username)).headers.location).toBe('/dashboard');
  const there = request.agent(secondUrl);
  const login = await logIn(there, username);
  expect(login.headers.location).toBe('/dashboard');
  const sid = /(?:^|;\s*)sid=([^;]+)/.exec(([] as string[]).concat(login.headers['set-cookie'] ?? []).join('; '))?.[1];
  if (!sid) throw new Error('the second process set no sid cookie');
  // Twice: the second request is served from the second process's caches.
  for (let i = 0; i < 2; i += 1) expect((await there.get('/dashboard')).status).toBe(200);
  return { username, here, there, thereDigest: digestSessionId(sid) };
}

/** The second process's next answer to the signed-in page must be the sign-in redirect. */
async function expectSignedOut(there: TestAgent): Promise<void> {
  const res = await there.get('/dashboard');
  expect(res.status).toBe(302);
  expect(res.headers.location).toMatch(/^\/login/);
}

describe('a revocation made by another process holds on the very next request (read caches on)', () => {
  it('"your sessions" → sign out, from the other process', async () => {
    const { here, there, thereDigest } = await signedInTwice();
    const _csrf = await tokenFrom(here, '/account/sessions');
    const res = await here.post('/account/sessions/revoke').set('Origin', TEST_ORIGIN).type('form').send({ _csrf, digest: thereDigest });
    expect(res.headers.location).toBe('/account/sessions');
    await expectSignedOut(there);
    expect((await here.get('/dashboard')).status).toBe(200);
  });

  it('log out everywhere, from the other process', async () => {
    const { here, there } = await signedInTwice();
    const _csrf = await tokenFrom(here, '/account/sessions');
    expect((await here.post('/account/sessions/revoke-all').set('Origin', TEST_ORIGIN).type('form').send({ _csrf })).headers.location).toBe('/login');
    await expectSignedOut(there);
  });

  it('a password change, in the other process', async () => {
    const { here, there } = await signedInTwice();
    const _csrf = await tokenFrom(here, '/account/password');
    const res = await here.post('/account/password').set('Origin', TEST_ORIGIN).type('form').send({ _csrf, current: TEST_PASSWORD, new: 'a whole new passphrase 77' });
    expect(res.headers.location).toBe('/account/password');
    await expectSignedOut(there);
  });

  it('a password reset, in the other process', async () => {
    const { username, here, there } = await signedInTwice();
    expect((await confirmEmail(first, here, testEmail(username))).status).toBe(200);
    const anonymous = client(first);
    const forgotToken = await tokenFrom(anonymous, '/password/forgot');
    const forgot = await anonymous.post('/password/forgot').set('Origin', TEST_ORIGIN).type('form').send({ _csrf: forgotToken, email: testEmail(username) });
    expect(forgot.status).toBe(302);
    const link = await mailedLink(first, testEmail(username), '/password/reset/');
    expect((await anonymous.get(link)).headers.location).toBe('/password/reset');
    const _csrf = tokenIn((await anonymous.get('/password/reset')).text);
    expect((await anonymous.post('/password/reset').set('Origin', TEST_ORIGIN).type('form').send({ _csrf, new: 'reset to this passphrase 88' })).headers.location).toBe('/login');
    await expectSignedOut(there);
  });

  it('disabling the account with the users CLI (a third process)', async () => {
    const { username, here, there } = await signedInTwice();
    const result = await users(['disable', '--username', username]);
    expect(result.code, result.stderr).toBe(0);
    await expectSignedOut(there);
    expect((await here.get('/dashboard')).status).toBe(302);
  }, 30_000);

  it('a bare authEpoch bump in the user row (no session deleted): the cached user row is dropped too', async () => {
    const { username, there } = await signedInTwice();
    const db = new Database(databaseUrl);
    db.pragma('busy_timeout = 5000');
    db.prepare('UPDATE users SET auth_epoch = auth_epoch + 1 WHERE username = ?').run(username);
    db.close();
    await expectSignedOut(there);
  });
});
