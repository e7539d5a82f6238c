import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SCRYPT_PARAMS, type ScryptParams } from '@acme/auth-core';

/** The demo app's folder (the same from src/ and dist/). */
export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Configuration read from the environment, validated once at start. */
export interface AppConfig {
  /** TCP port the server listens on (PORT, default 3000). */
  port: number;
  /** NODE_ENV=production: the self-check refuses unsafe settings. */
  production: boolean;
  /** DATABASE_URL: `postgres://…` or a SQLite file path (default data/demo.db). */
  databaseUrl: string;
  /** REDIS_URL: sessions and throttle counters in Redis when set. */
  redisUrl: string | undefined;
  /** REDIS_PREFIX: key prefix, so several apps can share one Redis (default `demo-koa:`). */
  redisPrefix: string;
  /** SESSION_KEYS: cookie signing keys, newest first. */
  sessionKeys: string[];
  /** Whether SESSION_KEYS was generated for this process (development only). */
  generatedKeys: boolean;
  /** TRUST_PROXY: number of trusted proxies in front (0: trust none). */
  trustProxy: number;
  /** APP_ORIGIN: the public origin, for Origin checks (default http://localhost:PORT). */
  appOrigin: string;
  /** The name shown on pages and refused inside passwords. */
  appName: string;
  /** scrypt params for new hashes (tests pass `testOnlyScryptParams`). */
  scrypt: ScryptParams;
  /** Clock in ms since epoch (tests inject a fake one). */
  now: () => number;
  /** Where security events go (default: JSON lines on stdout). */
  securityLogSink?: ((record: object) => void) | undefined;
}

/** Thrown when an environment variable has a value the app cannot use, or a service it names is unreachable at start. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A URL safe to print: the password, if any, replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65_535) {
    throw new ConfigError(`PORT must be a whole number from 1 to 65535, got "${raw}".`);
  }
  return port;
}

function parseOrigin(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return url.origin;
  } catch {
    throw new ConfigError(`APP_ORIGIN must be an http(s) origin such as https://app.example.com, got "${raw}".`);
  }
}

/**
 * Reads the app's configuration from `env` (by default `process.env`). Development works with no
 * variables at all: SQLite under apps/demo-koa/data/, sessions in SQLite, a random signing key.
 *
 * @example
 * const config = loadConfig({ PORT: '8080' });
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const port = parsePort(env.PORT ?? '3000');
  const rawKeys = (env.SESSION_KEYS ?? '').split(',').map((k) => k.trim()).filter((k) => k.length > 0);
  if (production && rawKeys.length === 0) {
    throw new ConfigError('SESSION_KEYS is required in production: one or more random secrets of at least 32 bytes, comma-separated (`openssl rand -base64 48`).');
  }
  const trustProxy = Number(env.TRUST_PROXY ?? '0');
  if (!Number.isInteger(trustProxy) || trustProxy < 0 || trustProxy > 10) {
    throw new ConfigError(`TRUST_PROXY must be the number of proxies in front of the app (0 to 10), got "${env.TRUST_PROXY ?? ''}".`);
  }
  const redisUrl = env.REDIS_URL?.trim() === '' ? undefined : env.REDIS_URL;
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError(`REDIS_URL must start with redis:// or rediss://, got "${redisUrl}".`);
  }
  return {
    port,
    production,
    databaseUrl: env.DATABASE_URL?.trim() || path.join(APP_ROOT, 'data', 'demo.db'),
    redisUrl,
    redisPrefix: env.REDIS_PREFIX ?? 'demo-koa:',
    sessionKeys: rawKeys.length > 0 ? rawKeys : [randomBytes(48).toString('base64url')],
    generatedKeys: rawKeys.length === 0,
    trustProxy,
    appOrigin: parseOrigin(env.APP_ORIGIN ?? `http://localhost:${port}`),
    appName: 'demo-koa',
    scrypt: DEFAULT_SCRYPT_PARAMS,
    now: Date.now,
  };
}
