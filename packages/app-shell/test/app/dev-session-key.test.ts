import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { DEV_SESSION_KEY_FILE, developmentSessionKey } from '../../src/index.js';
import { register, TEST_ORIGIN } from '../../src/testing/index.js';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dev-server-fixture.ts');
const folders: string[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function appFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dev-key-'));
  folders.push(dir);
  return dir;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Starts the fixture app in `appRoot` with `env` (over its .env files); resolves once it listens, or with its exit when it refuses to start. */
function start(appRoot: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; exited?: { code: number | null; stderr: string } }> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], { env: { PATH: process.env.PATH ?? '', FIXTURE_ROOT: appRoot, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => {
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      if (d.includes('listening on')) resolve({ child });
    });
    child.on('exit', (code) => resolve({ child, exited: { code, stderr } }));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('development sessions survive a restart', () => {
  it('keeps the same cookie signed in across a restart, with the key in data/dev-session-key (0600); .env and .env.local are read', async () => {
    const appRoot = await appFolder();
    const port = await freePort();
    // The port and origin come from .env, the database from .env.local (which wins over .env).
    await writeFile(path.join(appRoot, '.env'), `PORT=${port}\nAPP_ORIGIN=${TEST_ORIGIN}\nDATABASE_URL=${path.join(appRoot, 'data', 'from-env.db')}\n`);
    await writeFile(path.join(appRoot, '.env.local'), `DATABASE_URL=${path.join(appRoot, 'data', 'from-env-local.db')}\n`);

    const first = await start(appRoot);
    expect(first.exited).toBeUndefined();
    const browser = request.agent(`http://127.0.0.1:${port}`);
    expect((await register(browser, 'dev-user')).status).toBe(302);
    expect((await browser.get('/dashboard')).status).toBe(200);
    await stop(first.child);

    const keyFile = path.join(appRoot, 'data', DEV_SESSION_KEY_FILE);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(existsSync(path.join(appRoot, 'data', 'from-env-local.db'))).toBe(true);
    expect(existsSync(path.join(appRoot, 'data', 'from-env.db'))).toBe(false);

    const second = await start(appRoot);
    expect(second.exited).toBeUndefined();
    const again = await browser.get('/dashboard');
    expect(again.status).toBe(200);
    expect(again.text).toMatch(/^signed in as /);
    await stop(second.child);
  }, 60_000);

  it('SEC-CK-04 production still refuses to start without SESSION_KEYS when the development key file exists, and reads no .env', async () => {
    const appRoot = await appFolder();
    developmentSessionKey(path.join(appRoot, 'data'));
    // A .env that would supply everything production asks for is not read in production.
    await writeFile(path.join(appRoot, '.env'), `SESSION_KEYS=${randomBytes(32).toString('base64')}\nTRUST_PROXY=1\n`);
    const result = await start(appRoot, { NODE_ENV: 'production', PORT: String(await freePort()), SESSION_STORE: 'sqlite' });
    expect(result.exited?.code).toBe(1);
    expect(result.exited?.stderr).toContain('SESSION_KEYS is required in production');
    expect(result.exited?.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});

describe('developmentSessionKey', () => {
  it('makes a strong key once and returns the same one after; replaces an unusable file', async () => {
    const dataDir = path.join(await appFolder(), 'data');
    const key = developmentSessionKey(dataDir);
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(developmentSessionKey(dataDir)).toBe(key);
    await writeFile(path.join(dataDir, DEV_SESSION_KEY_FILE), 'a'.repeat(48));
    const replaced = developmentSessionKey(dataDir);
    expect(replaced).not.toBe('a'.repeat(48));
    expect((await readFile(path.join(dataDir, DEV_SESSION_KEY_FILE), 'utf8')).trim()).toBe(replaced);
  });
});
