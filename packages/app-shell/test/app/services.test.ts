import { afterEach, describe, expect, it, vi } from 'vitest';
import { accountMigrations } from '../../src/accounts/index.js';
import { type AppServices, createAppServices, readAppConfig } from '../../src/app/index.js';
import { testOnlyScryptParams, verifyLogin } from '@acme/auth-core';
import * as scryptKdf from 'scrypt-kdf';

const PASSWORD = 'violet kettle harbor moon';
/** scrypt-kdf's class, the one auth-core hashes through (its JavaScript has only a default export). */
const Scrypt = (scryptKdf as unknown as { default: { kdf: (...args: unknown[]) => Promise<Uint8Array>; verify: (...args: unknown[]) => Promise<boolean> } }).default;
const opened: AppServices[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** App start as `createWebApp` does it, on in-memory SQLite and memory sessions with fast test-only hashing. */
async function start(): Promise<AppServices> {
  const config = {
    ...readAppConfig({}, { appRoot: '/srv/shop', appName: 'shop' }),
    databaseUrl: ':memory:',
    sessionStore: 'memory' as const,
    scrypt: testOnlyScryptParams({ logN: 8 }),
  };
  const services = await createAppServices(config, { migrations: accountMigrations });
  opened.push(services);
  return services;
}

/** scrypt runs (new hashes and verifications) during `action`. */
async function scryptRuns(action: () => Promise<unknown>): Promise<number> {
  const kdf = vi.spyOn(Scrypt, 'kdf');
  const verify = vi.spyOn(Scrypt, 'verify');
  kdf.mockClear();
  verify.mockClear();
  await action();
  const runs = kdf.mock.calls.length + verify.mock.calls.length;
  kdf.mockRestore();
  verify.mockRestore();
  return runs;
}

describe('createAppServices', () => {
  it('SEC-AUTH-02 makes the dummy hash at start: the first unknown-user login runs one scrypt, like a wrong password', async () => {
    const services = await start();
    const { hasher, users } = services;
    expect(await scryptRuns(() => verifyLogin({ hasher, user: undefined, password: PASSWORD }))).toBe(1);
    const alice = await users?.create('alice', await hasher.hash(PASSWORD));
    expect(alice).toBeDefined();
    expect(await scryptRuns(() => verifyLogin({ hasher, user: alice, password: 'a wrong password here' }))).toBe(1);
  });
});
