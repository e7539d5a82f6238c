import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, readAppConfig, redactUrl } from '../../src/app/index.js';
import { DOCUMENTED_EXAMPLE_KEYS, generateDataKey } from '@acme/auth-core';

const app = { appRoot: '/srv/shop', appName: 'shop' };

/** Two keys as `openssl rand -base64 32` prints them. */
const KEY_1 = randomBytes(32).toString('base64');
const KEY_2 = randomBytes(32).toString('base64');
/** A production environment that passes every check. */
const DATA_KEY = generateDataKey();
const PRODUCTION = { NODE_ENV: 'production', SESSION_KEYS: KEY_1, APP_ORIGIN: 'https://shop.example', TRUST_PROXY: '1', DATA_KEYS: DATA_KEY, SMTP_URL: 'smtps://mailer:pw@smtp.example:465' };

describe('readAppConfig', () => {
  it('needs nothing in development', () => {
    const config = readAppConfig({}, app);
    expect(config).toMatchObject({ port: 3000, production: false, databaseUrl: '/srv/shop/data/shop.db', redisPrefix: 'shop:', appOrigin: 'http://localhost:3000', generatedKeys: true, trustProxy: 0 });
    expect(config.sessionStore).toBeUndefined();
    expect(config.authCache).toBe(true);
    expect(config.webConcurrency).toBe(1);
    expect(readAppConfig({ WEB_CONCURRENCY: '4', SMTP_URL: 'smtp://m:p@smtp.example:587' }, app).webConcurrency).toBe(4);
    expect(readAppConfig({ AUTH_CACHE: 'off' }, app).authCache).toBe(false);
    expect(readAppConfig({ AUTH_CACHE: ' On ' }, app).authCache).toBe(true);
    expect(config.sessionKeys[0]?.length).toBeGreaterThanOrEqual(64);
    expect(readAppConfig({}, { ...app, databaseFile: 'demo.db' }).databaseUrl).toBe('/srv/shop/data/demo.db');
    expect(readAppConfig({}, { ...app, defaultPort: 3002 })).toMatchObject({ port: 3002, appOrigin: 'http://localhost:3002' });
    expect(readAppConfig({ PORT: '8080' }, { ...app, defaultPort: 3002 }).port).toBe(8080);
  });

  it('reads every variable', () => {
    const config = readAppConfig(
      { PORT: '8080', DATABASE_URL: 'postgres://u:p@db/shop', REDIS_URL: 'redis://r:6379', REDIS_PREFIX: 'x:', SESSION_STORE: 'redis', SESSION_KEYS: `${KEY_1}, ${KEY_2}`, APP_ORIGIN: 'https://shop.example/path', TRUST_PROXY: '1', NODE_ENV: 'production', DATA_KEYS: DATA_KEY, SMTP_URL: 'smtp://m:p@smtp.example:587', MAIL_FROM: 'Shop <hello@shop.example>' },
      app,
    );
    expect(config).toMatchObject({ smtpUrl: 'smtp://m:p@smtp.example:587', mailFrom: 'Shop <hello@shop.example>', generatedDataKeys: false });
    expect(config.dataKeys.keys[0]?.key).toEqual(Buffer.from(DATA_KEY, 'base64url'));
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
      [{ AUTH_CACHE: 'false' }, /AUTH_CACHE must be on or off, got "false"/],
      [{ WEB_CONCURRENCY: 'auto' }, /WEB_CONCURRENCY must be the number of worker processes, 1 to 64/],
      [{ WEB_CONCURRENCY: '0' }, /WEB_CONCURRENCY must be the number of worker processes/],
      [{ WEB_CONCURRENCY: '2', SMTP_URL: 'smtp://m:p@smtp.example:587', SESSION_STORE: 'memory' }, /WEB_CONCURRENCY=2 cannot use SESSION_STORE=memory/],
      [{ WEB_CONCURRENCY: '2' }, /WEB_CONCURRENCY=2 needs SMTP_URL: the development mailbox/],
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

  it('refuses production without DATA_KEYS or SMTP_URL, saying what to set; development needs neither', () => {
    expect(() => readAppConfig({ ...PRODUCTION, DATA_KEYS: undefined }, app)).toThrow(/^DATA_KEYS is required in production: .*randomBytes\(32\)/);
    expect(() => readAppConfig({ ...PRODUCTION, SMTP_URL: '' }, app)).toThrow(/^SMTP_URL is required in production .*smtps:\/\//);
    expect(() => readAppConfig({ ...PRODUCTION, SMTP_URL: 'smtp://127.0.0.1:25?tls=off' }, app)).toThrow(/tls=off: production sends mail only over TLS/);
    const dev = readAppConfig({}, app);
    expect(dev).toMatchObject({ smtpUrl: undefined, generatedDataKeys: true, mailFrom: `${app.appName} <no-reply@localhost>` });
    expect(dev.dataKeys.keys).toHaveLength(1);
  });

  it('refuses a DATA_KEYS, SMTP_URL or MAIL_FROM it cannot use, never echoing a secret', () => {
    expect(() => readAppConfig({ DATA_KEYS: 'not-a-key' }, app)).toThrow(/DATA_KEYS key #1 is not 32 bytes/);
    expect(() => readAppConfig({ SMTP_URL: 'http://user:hunter2@mail.example' }, app)).toThrow(/SMTP_URL must be smtps:\/\//);
    expect(() => readAppConfig({ SMTP_URL: 'http://user:hunter2@mail.example' }, app)).not.toThrow(/hunter2/);
    expect(() => readAppConfig({ MAIL_FROM: 'a@b.example\r\nBcc: x@evil.example' }, app)).toThrow(/MAIL_FROM must be an address/);
  });

  it('lists every production problem at once', () => {
    expect(() => readAppConfig({ ...PRODUCTION, SESSION_KEYS: 'short', TRUST_PROXY: undefined }, app)).toThrow(/^Refusing to start in production:\n- SESSION_KEYS: key 1 .*\n- TRUST_PROXY is unset or 0/);
  });

  it('redacts passwords from URLs it prints', () => {
    expect(redactUrl('postgres://app:secret@db/app')).toBe('postgres://app:***@db/app');
    expect(redactUrl('not a url')).toBe('not a url');
  });
});
