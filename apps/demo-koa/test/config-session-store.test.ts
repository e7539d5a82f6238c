import { generateDataKey } from '@acme/auth-core';
import { MemoryStore } from '@acme/auth-core';
import { RedisSessionStore } from '@acme/auth-core/stores/redis';
import { SqliteSessionStore } from '@acme/auth-core/stores/sqlite';
import { testAppConfig } from '@acme/app-shell/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { WebApp } from '@acme/app-shell';
import { ConfigError, loadConfig } from '../src/config.js';
import { redisUrl as REDIS_URL } from './services.js';

// SESSION_STORE picks the demo's session store; the bench's memory-store subject relies on it.
const open: WebApp[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});

/** A key as `openssl rand -base64 32` prints it (production refuses patterned keys). */
const KEY = 'ofjpFHjASu1Hj+8mSx8exYeJDb4AeUypi5MnzD1mkGs=';

/** The demo built from `env` (test database, clock and hashing), closed after the test. */
async function demoWith(env: Record<string, string>): Promise<WebApp> {
  const { config } = testAppConfig(loadConfig(env), { redisPrefix: `demo-koa-test:${process.pid}:` });
  const demo = await createApp(config);
  open.push(demo);
  return demo;
}

describe('SESSION_STORE', () => {
  it('unset: sqlite, or redis when REDIS_URL is set', async () => {
    expect(loadConfig({ SESSION_STORE: ' ' }).sessionStore).toBeUndefined();
    expect((await demoWith({})).services.sessions).toBeInstanceOf(SqliteSessionStore);
    expect((await demoWith({ REDIS_URL })).services.sessions).toBeInstanceOf(RedisSessionStore);
  });

  it('memory, sqlite or redis explicitly, whatever REDIS_URL says', async () => {
    expect((await demoWith({ SESSION_STORE: 'memory' })).services.sessions).toBeInstanceOf(MemoryStore);
    expect((await demoWith({ SESSION_STORE: 'memory', REDIS_URL })).services.sessions).toBeInstanceOf(MemoryStore);
    expect((await demoWith({ SESSION_STORE: 'sqlite', REDIS_URL })).services.sessions).toBeInstanceOf(SqliteSessionStore);
    expect((await demoWith({ SESSION_STORE: 'redis', REDIS_URL })).services.sessions).toBeInstanceOf(RedisSessionStore);
  });

  it('refuses redis without REDIS_URL, and unknown values, naming the variable', () => {
    expect(() => loadConfig({ SESSION_STORE: 'redis' })).toThrow(ConfigError);
    expect(() => loadConfig({ SESSION_STORE: 'redis' })).toThrow(/SESSION_STORE=redis needs REDIS_URL/);
    expect(() => loadConfig({ SESSION_STORE: 'postgres' })).toThrow(/SESSION_STORE must be memory, sqlite or redis/);
  });

  it('memory is refused in production by the boot-time check, and is the only problem named', async () => {
    const config = loadConfig({ NODE_ENV: 'production', SESSION_STORE: 'memory', SESSION_KEYS: KEY, APP_ORIGIN: 'https://app.example', TRUST_PROXY: '1', DATABASE_URL: ':memory:', DATA_KEYS: generateDataKey(), SMTP_URL: 'smtps://mailer:pw@smtp.app.example:465' });
    const error: unknown = await createApp(config).then(
      (demo) => (open.push(demo), undefined),
      (reason: unknown) => reason,
    );
    expect(error).toMatchObject({ name: 'UnsafeDeploymentError', problems: [expect.stringMatching(/MemoryStore/)] });
  });

  it('the same production config starts with the sqlite store', async () => {
    const config = loadConfig({ NODE_ENV: 'production', SESSION_STORE: 'sqlite', SESSION_KEYS: KEY, APP_ORIGIN: 'https://app.example', TRUST_PROXY: '1', DATABASE_URL: ':memory:', DATA_KEYS: generateDataKey(), SMTP_URL: 'smtps://mailer:pw@smtp.app.example:465' });
    const demo = await createApp(config);
    open.push(demo);
    expect(demo.services.sessions).toBeInstanceOf(SqliteSessionStore);
  });
});
