import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, readAppConfig, redactUrl } from '../../src/app/index.js';
import { DOCUMENTED_EXAMPLE_KEYS } from '@acme/auth-core';

const app = { appRoot: '/srv/shop', appName: 'shop' };

/** Two keys as `openssl rand -base64 32` prints them. */
const KEY_1 = randomBytes(32).toString('base64');
const KEY_2 = randomBytes(32).toString('base64');
/** A production environment that passes every check. */
const PRODUCTION = { NODE_ENV: 'production', SESSION_KEYS: KEY_1, APP_ORIGIN: 'https://shop.example', TRUST_PROXY: '1' };

describe('readAppConfig', () => {
  it('needs nothing in development', () => {
    const config = readAppConfig({}, app);
    expect(config).toMatchObject({ port: 3000, production: false, databaseUrl: '/srv/shop/data/shop.db', redisPrefix: 'shop:', appOrigin: 'http://localhost:3000', generatedKeys: true, trustProxy: 0 });
    expect(config.sessionStore).toBeUndefined();
    expect(config.sessionKeys[0]?.length).toBeGreaterThanOrEqual(64);
    expect(readAppConfig({}, { ...app, databaseFile: 'demo.db' }).databaseUrl).toBe('/srv/shop/data/demo.db');
    expect(readAppConfig({}, { ...app, defaultPort: 3002 })).toMatchObject({ port: 3002, appOrigin: 'http://localhost:3002' });
    expect(readAppConfig({ PORT: '8080' }, { ...app, defaultPort: 3002 }).port).toBe(8080);
  });

  it('reads every variable', () => {
    const config = readAppConfig(
      { PORT: '8080', DATABASE_URL: 'postgres://u:p@db/shop', REDIS_URL: 'redis://r:6379', REDIS_PREFIX: 'x:', SESSION_STORE: 'redis', SESSION_KEYS: `${KEY_1}, ${KEY_2}`, APP_ORIGIN: 'https://shop.example/path', TRUST_PROXY: '1', NODE_ENV: 'production' },
      app,
    );
    expect(config).toMatchObject({ port: 8080, production: true, databaseUrl: 'postgres://u:p@db/shop', redisUrl: 'redis://r:6379', redisPrefix: 'x:', sessionStore: 'redis', sessionKeys: [KEY_1, KEY_2], generatedKeys: false, appOrigin: 'https://shop.example', trustProxy: 1 });
  });

  it('refuses what it cannot use, naming the variable and what it expects', () => {
    const cases: [NodeJS.ProcessEnv, RegExp][] = [
      [{ PORT: 'abc' }, /PORT must be a whole number/],
      [{ PORT: '70000' }, /PORT must be a whole number/],
      [{ NODE_ENV: 'production' }, /SESSION_KEYS is required in production/],
      [{ TRUST_PROXY: '-1' }, /TRUST_PROXY must be the number of proxies/],
      [{ REDIS_URL: 'http://r' }, /REDIS_URL must start with redis:\/\//],
      [{ APP_ORIGIN: 'ftp://x' }, /APP_ORIGIN must be an http\(s\) origin/],
      [{ SESSION_STORE: 'disk' }, /SESSION_STORE must be memory, sqlite or redis/],
      [{ SESSION_STORE: 'redis' }, /SESSION_STORE=redis needs REDIS_URL/],
    ];
    for (const [env, message] of cases) {
      expect(() => readAppConfig(env, app), JSON.stringify(env)).toThrow(ConfigError);
      expect(() => readAppConfig(env, app), JSON.stringify(env)).toThrow(message);
    }
  });

  it('SEC-CK-04 refuses weak SESSION_KEYS in production, naming the variable and how to make a key', () => {
    const weak = ['a'.repeat(48), randomBytes(31).toString('base64'), randomBytes(16).toString('hex'), ...DOCUMENTED_EXAMPLE_KEYS];
    for (const key of weak) {
      const env = { ...PRODUCTION, SESSION_KEYS: `${KEY_1},${key}` };
      expect(() => readAppConfig(env, app), key).toThrow(ConfigError);
      expect(() => readAppConfig(env, app), key).toThrow(/^SESSION_KEYS: key 2 .*at least 32 random bytes.*`openssl rand -base64 32`/);
    }
    expect(readAppConfig(PRODUCTION, app).sessionKeys).toEqual([KEY_1]);
    expect(readAppConfig({ ...PRODUCTION, NODE_ENV: 'development', SESSION_KEYS: 'a'.repeat(48) }, app).sessionKeys).toEqual(['a'.repeat(48)]);
  });

  it('SEC-CK-04 refuses production with an https APP_ORIGIN and no TRUST_PROXY, saying to set it', () => {
    for (const trustProxy of [undefined, '0']) {
      const env = { ...PRODUCTION, TRUST_PROXY: trustProxy };
      expect(() => readAppConfig(env, app)).toThrow(ConfigError);
      expect(() => readAppConfig(env, app)).toThrow(/^TRUST_PROXY is unset or 0: .*Set TRUST_PROXY to the number of proxies in front of the app/);
    }
  });

  it('lists every production problem at once', () => {
    expect(() => readAppConfig({ ...PRODUCTION, SESSION_KEYS: 'short', TRUST_PROXY: undefined }, app)).toThrow(/^Refusing to start in production:\n- SESSION_KEYS: key 1 .*\n- TRUST_PROXY is unset or 0/);
  });

  it('redacts passwords from URLs it prints', () => {
    expect(redactUrl('postgres://app:secret@db/app')).toBe('postgres://app:***@db/app');
    expect(redactUrl('not a url')).toBe('not a url');
  });
});
