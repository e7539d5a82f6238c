import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'serve-fixture.ts');

/** Runs the fixture app under runServer with `env`; resolves with its exit code and output once it exits. */
function serve(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A port nothing listens on (so a server the old code would start does not collide with another). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('runServer', () => {
  it('says which port is taken and what to do, without a stack trace, and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    onTestFinished(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const { port } = blocker.address() as AddressInfo;
    const result = await serve({ PORT: String(port) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Port ${port} is already in use`);
    expect(result.stderr).toContain(`PORT=${port + 1}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toContain('listening on');
  }, 30_000);

  it('prints a configuration error as its message and exits 1', async () => {
    const result = await serve({ PORT: 'abc' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT must be a whole number');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('SEC-CK-04 refuses a production boot with an https APP_ORIGIN and no TRUST_PROXY, saying to set it, and exits 1', async () => {
    const production = { NODE_ENV: 'production', PORT: String(await freePort()), APP_ORIGIN: 'https://app.example', SESSION_STORE: 'sqlite', SESSION_KEYS: randomBytes(32).toString('base64') };
    const result = await serve(production);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TRUST_PROXY is unset or 0');
    expect(result.stderr).toContain('Set TRUST_PROXY to the number of proxies in front of the app');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toContain('listening on');
  }, 30_000);

  it('SEC-CK-04 refuses a production boot with 48 × a as SESSION_KEYS, saying how to make a key, and exits 1', async () => {
    const result = await serve({ NODE_ENV: 'production', PORT: String(await freePort()), APP_ORIGIN: 'https://app.example', SESSION_STORE: 'sqlite', TRUST_PROXY: '1', SESSION_KEYS: 'a'.repeat(48) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SESSION_KEYS: key 1 is 24 bytes after hex decoding');
    expect(result.stderr).toContain('`openssl rand -base64 32`');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
