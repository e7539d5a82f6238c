// WEB_CONCURRENCY=2 as an operator runs it: runServer forks two workers on one port, over one
// SQLite file, without Redis. Every request below opens its own connection, so the cluster hands
// them to the workers in turn; the `X-Worker` header says which one answered.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { THROTTLE_LIMITS } from '@acme/auth-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ORIGIN, TEST_PASSWORD, testEmail, tokenIn } from '../../src/testing/index.js';
import { startSmtp, type TestSmtpServer } from '../mail/smtp-server.js';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let port = 0;
let server: ChildProcess;
let output = '';
let smtp: TestSmtpServer;
const dir = mkdtempSync(path.join(tmpdir(), 'cluster-'));

/** One request on a new connection (no keep-alive), so each goes to the next worker. */
function send(method: string, urlPath: string, options: { cookie?: string; form?: Record<string, string> } = {}): Promise<Answer> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  const headers: http.OutgoingHttpHeaders = { ...(options.cookie ? { cookie: options.cookie } : {}), ...(body ? { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_ORIGIN, 'content-length': Buffer.byteLength(body) } : {}) };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The `name=value` pairs of an answer's Set-Cookie headers, merged over `jar`. */
function cookies(answer: Answer, jar = ''): string {
  const pairs = new Map(jar.split('; ').filter(Boolean).map((p) => [p.split('=')[0] ?? '', p] as const));
  for (const line of answer.headers['set-cookie'] ?? []) {
    const pair = line.split(';')[0] ?? '';
    pairs.set(pair.split('=')[0] ?? '', pair);
  }
  return [...pairs.values()].join('; ');
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port: free } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}

beforeAll(async () => {
  smtp = await startSmtp();
  port = await freePort();
  server = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'cluster-fixture.ts')], {
    env: {
      PATH: process.env.PATH ?? '',
      WEB_CONCURRENCY: '2',
      PORT: String(port),
      APP_ORIGIN: TEST_ORIGIN,
      DATABASE_URL: path.join(dir, 'app.db'),
      SESSION_KEYS: randomBytes(32).toString('base64url'),
      DATA_KEYS: randomBytes(32).toString('base64url'),
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.setEncoding('utf8').on('data', (d: string) => (output += d));
  server.stderr?.setEncoding('utf8').on('data', (d: string) => (output += d));
  for (let waited = 0; !/2 workers on port/.test(output); waited += 100) {
    if (waited > 30_000 || server.exitCode !== null) throw new Error(`the cluster did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 40_000);

afterAll(async () => {
  if (server.exitCode === null) server.kill('SIGTERM');
  await smtp?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Signs a new account in (sign-up and login on whichever workers answer) and returns its cookie header. */
async function signedIn(username: string): Promise<string> {
  const form = await send('GET', '/register');
  let jar = cookies(form);
  const registered = await send('POST', '/register', { cookie: jar, form: { _csrf: tokenIn(form.body), username, email: testEmail(username), password: TEST_PASSWORD } });
  expect(registered.headers.location).toBe('/register/check-your-inbox');
  const login = await send('GET', '/login', { cookie: jar });
  jar = cookies(login, jar);
  const signIn = await send('POST', '/login', { cookie: jar, form: { _csrf: tokenIn(login.body), username, password: TEST_PASSWORD } });
  expect(signIn.headers.location).toBe('/dashboard');
  return cookies(signIn, jar);
}

describe('WEB_CONCURRENCY=2 (node:cluster, SQLite, no Redis)', () => {
  it('answers from two worker processes on one port', async () => {
    const workers = new Set<string>();
    for (let i = 0; i < 8; i += 1) workers.add(String((await send('GET', '/healthz')).headers['x-worker']));
    expect(workers.size).toBe(2);
  });

  it('a revocation on one worker holds on the very next request to either (their caches are exact)', async () => {
    const cookie = await signedIn('carol');
    // Both workers serve the signed-in page, the second time from their caches.
    const before = await Promise.all(Array.from({ length: 6 }, () => send('GET', '/dashboard', { cookie })));
    expect(before.map((a) => a.status)).toEqual(Array(6).fill(200));
    expect(new Set(before.map((a) => a.headers['x-worker'])).size).toBe(2);
    const page = await send('GET', '/account/sessions', { cookie });
    const revoked = await send('POST', '/account/sessions/revoke-all', { cookie, form: { _csrf: tokenIn(page.body) } });
    expect(revoked.headers.location).toBe('/login');
    const after = await Promise.all(Array.from({ length: 6 }, () => send('GET', '/dashboard', { cookie })));
    expect(after.map((a) => a.status)).toEqual(Array(6).fill(302));
    expect(new Set(after.map((a) => a.headers['x-worker'])).size).toBe(2);
  });

  it('a limit holds across workers: of 30 parallel wrong passwords for one account from one IP, exactly the limit are checked', async () => {
    await signedIn('dave');
    const login = await send('GET', '/login');
    const jar = cookies(login);
    const _csrf = tokenIn(login.body);
    const answers = await Promise.all(Array.from({ length: 30 }, () => send('POST', '/login', { cookie: jar, form: { _csrf, username: 'dave', password: 'not the password at all' } })));
    const checked = answers.filter((a) => a.status !== 429);
    expect(checked).toHaveLength(THROTTLE_LIMITS.usernameIpFailures);
    expect(new Set(answers.map((a) => a.headers['x-worker'])).size).toBe(2);
  });

  it('SIGTERM stops every worker, then the primary, with exit code 0', async () => {
    const workers = new Set<string>();
    for (let i = 0; i < 4; i += 1) workers.add(String((await send('GET', '/healthz')).headers['x-worker']));
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of workers) expect(() => process.kill(Number(pid), 0)).toThrow();
    expect(output).toMatch(/SIGTERM received: stopping 2 workers/);
  }, 20_000);
});
