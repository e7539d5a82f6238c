import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { APP_ROOT } from '../../src/config.js';
import { PASSWORD } from '../demo.js';
import { waitFor } from './servers.js';

const run = promisify(execFile);
const SERVER = path.join(APP_ROOT, 'dist', 'server.js');

function newestMtime(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const file = path.join(dir, entry.name);
      return entry.isDirectory() ? newestMtime(file) : statSync(file).mtimeMs;
    }),
  );
}

/**
 * Builds dist/ when it is missing or older than src/, so the child runs the code under test.
 *
 * @example
 * await ensureBuilt();
 */
export async function ensureBuilt(): Promise<void> {
  const built = statSync(SERVER, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built >= newestMtime(path.join(APP_ROOT, 'src'))) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await run(process.execPath, [tsc, '-p', path.join(APP_ROOT, 'tsconfig.build.json')], { cwd: APP_ROOT });
}

/**
 * The demo server (`node dist/server.js`) in a child process.
 *
 * @example
 * const server = await startChildServer(port, {});
 * server.process.kill('SIGKILL');
 */
export interface ChildServer {
  origin: string;
  process: ChildProcess;
  /** Resolves with the exit code or signal once the process has exited. */
  exited: Promise<number | string | null>;
}

/**
 * Starts dist/server.js with `env` on `port` and waits for /healthz to answer 200.
 *
 * @example
 * const { origin } = await startChildServer(await sparePort(), { DATABASE_URL: '/tmp/x/users.db' });
 */
export async function startChildServer(port: number, env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, [SERVER], {
    cwd: APP_ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', PORT: String(port), TRUST_PROXY: '1', SESSION_KEYS: 'MJhQgYolG4IN5Xn43dx76FC/33aYkofRVAS4Cj6t5zY=', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const origin = `http://localhost:${port}`;
  try {
    await waitFor('the demo server to answer /healthz', async () => {
      if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
      const res = await fetch(`${origin}/healthz`);
      if (res.status !== 200) throw new Error(`status ${res.status}`);
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`the demo server did not start: ${stderr}`, { cause: error });
  }
  return { origin, process: child, exited };
}

/**
 * A registration form as a browser holds it: the session cookie and the form's CSRF token.
 *
 * @example
 * const form: RegisterForm = await openRegisterForm(origin, '10.0.0.1');
 */
export interface RegisterForm {
  origin: string;
  cookie: string;
  token: string;
}

/**
 * GETs /register over real HTTP and keeps the cookie and token, as a browser would.
 *
 * @example
 * const form = await openRegisterForm('http://localhost:3000', '10.0.0.1');
 */
export async function openRegisterForm(origin: string, forwardedFor: string): Promise<RegisterForm> {
  const page = await fetch(`${origin}/register`, { headers: { 'X-Forwarded-For': forwardedFor } });
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return { origin, cookie, token };
}

/**
 * POSTs the registration form; returns the status (302 on success).
 *
 * @example
 * const status = await submitRegisterForm(form, 'alice', '10.0.0.1');
 */
export async function submitRegisterForm(form: RegisterForm, username: string, forwardedFor: string): Promise<number> {
  const res = await fetch(`${form.origin}/register`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: form.cookie, Origin: form.origin, 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': forwardedFor },
    body: new URLSearchParams({ username, email: `${username.toLowerCase()}@example.test`, password: PASSWORD, _csrf: form.token }).toString(),
  });
  await res.arrayBuffer();
  return res.status;
}

/**
 * Registers `username` over real HTTP (GET the form for cookie and token, then POST); returns the status.
 *
 * @example
 * expect(await registerOverHttp(origin, 'alice', '10.0.0.1')).toBe(302);
 */
export async function registerOverHttp(origin: string, username: string, forwardedFor: string): Promise<number> {
  return submitRegisterForm(await openRegisterForm(origin, forwardedFor), username, forwardedFor);
}
