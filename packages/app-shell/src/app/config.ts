import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { type DataKeyring, DataKeysError, DEFAULT_SCRYPT_PARAMS, generateDataKey, MAKE_KEY_COMMAND, parseDataKeys, MIN_KEY_BYTES, sessionKeyProblem, TRUST_PROXY_REQUIRED, type ScryptParams } from '@acme/auth-core';

/** Where sessions live: chosen by SESSION_STORE, or Redis when REDIS_URL is set, else SQLite. */
export type SessionStoreKind = 'memory' | 'sqlite' | 'redis';

/** An app's configuration, read from the environment and validated once at start. */
export interface AppConfig {
  /** TCP port the server listens on (PORT; default the app's `defaultPort`, else 3000). */
  port: number;
  /** NODE_ENV=production: the self-check refuses unsafe settings. */
  production: boolean;
  /** DATABASE_URL: `postgres://…` or a SQLite file path (default `<app>/data/<app>.db`). */
  databaseUrl: string;
  /** REDIS_URL: sessions and throttle counters in Redis when set. */
  redisUrl: string | undefined;
  /** REDIS_PREFIX: key prefix, so several apps can share one Redis (default `<appName>:`). */
  redisPrefix: string;
  /** SESSION_STORE: `memory`, `sqlite` or `redis`; unset means `redis` when there is a REDIS_URL, else `sqlite`. */
  sessionStore?: SessionStoreKind | undefined;
  /**
   * AUTH_CACHE (`on` or `off`, default on): keep SQLite sessions and user rows read by signed-in
   * requests in memory, invalidated exactly by the files' change counters (`SqliteReadCache`).
   */
  authCache?: boolean | undefined;
  /**
   * WEB_CONCURRENCY: how many worker processes `runServer` forks (node:cluster) to share the port.
   * Default 1 (no cluster).
   */
  webConcurrency?: number | undefined;
  /** SESSION_KEYS: cookie signing keys, newest first. */
  sessionKeys: string[];
  /** Whether SESSION_KEYS was generated for this process (development only). */
  generatedKeys: boolean;
  /** TRUST_PROXY: number of trusted proxies in front (0: trust none; production needs at least 1). */
  trustProxy: number;
  /** APP_ORIGIN: the public origin, for Origin checks (default http://localhost:PORT). */
  appOrigin: string;
  /** The name shown on pages and refused inside passwords. */
  appName: string;
  /** The app's folder: views, public files and the default data folder are found from it. */
  appRoot: string;
  /** scrypt params for new hashes (tests pass `testOnlyScryptParams`). */
  scrypt: ScryptParams;
  /** Clock in ms since epoch (tests inject a fake one). */
  now: () => number;
  /** SMTP_URL: where mail is sent (`smtps://…`, or `smtp://…` with STARTTLS); unset in development: mail stays in `/dev/mail`. */
  smtpUrl: string | undefined;
  /** MAIL_FROM: the sender of every mail (default `APP_NAME <no-reply@APP_ORIGIN's host>`). */
  mailFrom: string;
  /** DATA_KEYS: AES-256-GCM keys, newest first, for what the database keeps encrypted (queued mail). */
  dataKeys: DataKeyring;
  /** Whether DATA_KEYS was generated for this process (development only; `runServer` keeps one in `data/`). */
  generatedDataKeys: boolean;
  /** Where security events go (default: JSON lines on stdout). */
  securityLogSink?: ((record: object) => void) | undefined;
}

/** Thrown when an environment variable has a value the app cannot use, or a service it names is unreachable at start. */
export class ConfigError extends Error {
  /** Always `ConfigError`. */
  override name = 'ConfigError';
}

/**
 * A URL safe to print: the password, if any, replaced by `***`.
 *
 * @example
 * redactUrl('postgres://app:secret@db/app'); // 'postgres://app:***@db/app'
 */
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
  if (!/^\d+$/.test(raw) || port < 1 || port > 65_535) throw new ConfigError(`PORT must be a whole number from 1 to 65535, got "${raw}".`);
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

/** The most worker processes WEB_CONCURRENCY may ask for. */
const MAX_WEB_CONCURRENCY = 64;

function parseWebConcurrency(raw: string | undefined): number {
  const value = raw?.trim() ?? '';
  if (value === '') return 1;
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || count > MAX_WEB_CONCURRENCY) throw new ConfigError(`WEB_CONCURRENCY must be the number of worker processes, 1 to ${MAX_WEB_CONCURRENCY} (usually the number of CPU cores), got "${raw ?? ''}".`);
  return count;
}

/** What cannot be shared by several worker processes: refused before any is started. */
function refuseUnsharedState(workers: number, sessionStore: SessionStoreKind | undefined, smtpUrl: string | undefined): void {
  if (workers <= 1) return;
  if (sessionStore === 'memory') throw new ConfigError(`WEB_CONCURRENCY=${workers} cannot use SESSION_STORE=memory: each worker would keep its own sessions. Use sqlite (the default) or redis.`);
  if (smtpUrl === undefined) throw new ConfigError(`WEB_CONCURRENCY=${workers} needs SMTP_URL: the development mailbox at /dev/mail lives in one process, and its mail would be scattered across the workers.`);
}

function parseSwitch(name: string, raw: string | undefined, fallback: boolean): boolean {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '') return fallback;
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new ConfigError(`${name} must be on or off, got "${raw ?? ''}".`);
}

function parseSessionStore(raw: string | undefined, redisUrl: string | undefined): SessionStoreKind | undefined {
  const value = raw?.trim() ?? '';
  if (value === '') return undefined;
  if (value !== 'memory' && value !== 'sqlite' && value !== 'redis') {
    throw new ConfigError(`SESSION_STORE must be memory, sqlite or redis, got "${value}".`);
  }
  if (value === 'redis' && !redisUrl) throw new ConfigError('SESSION_STORE=redis needs REDIS_URL (for example redis://127.0.0.1:6379).');
  return value;
}

/**
 * Refuses, before any service is opened, the production settings the boot-time check would
 * refuse later anyway (`checkDeployment` applies the same rules to apps that build their config
 * by hand): missing or weak SESSION_KEYS and no trusted proxy. All problems in one message.
 */
/** How to make a DATA_KEYS key, in every message that asks for one. */
const MAKE_DATA_KEY_COMMAND = `node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"`;

function parseDataKeysVariable(raw: string | undefined): DataKeyring | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    return parseDataKeys(raw);
  } catch (error) {
    if (error instanceof DataKeysError) throw new ConfigError(`${error.message} Make a key with \`${MAKE_DATA_KEY_COMMAND}\`.`);
    throw error;
  }
}

function parseSmtpUrl(raw: string | undefined, production: boolean): string | undefined {
  const value = raw?.trim() ?? '';
  if (value === '') return undefined;
  if (!/^smtps?:\/\/[^/?#]/.test(value)) throw new ConfigError(`SMTP_URL must be smtps://user:password@host:465 or smtp://user:password@host:587 (STARTTLS), got "${redactUrl(value)}".`);
  if (production && /[?&]tls=off(&|$)/.test(value)) throw new ConfigError('SMTP_URL has tls=off: production sends mail only over TLS (smtps://, or smtp:// with STARTTLS).');
  return value;
}

function parseMailFrom(raw: string | undefined, appName: string, appOrigin: string): string {
  const value = raw?.trim() ?? '';
  if (value === '') return `${appName} <no-reply@${new URL(appOrigin).hostname.replace(/^\[|\]$/g, '')}>`;
  // A line break would start a new mail header (header injection).
  if (/[\r\n]/.test(value) || !/@/.test(value)) throw new ConfigError(`MAIL_FROM must be an address or "Name <address>" on one line, got "${value.replace(/[\r\n]/g, '\\n')}".`);
  return value;
}

function refuseUnsafeProduction(keys: readonly string[], trustProxy: number, env: NodeJS.ProcessEnv): void {
  const problems =
    keys.length === 0
      ? [`SESSION_KEYS is required in production: one or more random keys of at least ${MIN_KEY_BYTES} bytes, base64 or hex, comma-separated (\`${MAKE_KEY_COMMAND}\`).`]
      : keys.flatMap((key, i) => sessionKeyProblem(key, i + 1) ?? []);
  if (trustProxy === 0) problems.push(TRUST_PROXY_REQUIRED);
  if ((env.DATA_KEYS ?? '').trim() === '') problems.push(`DATA_KEYS is required in production: one or more random 32-byte keys in base64url, newest first, comma-separated (\`${MAKE_DATA_KEY_COMMAND}\`); queued mail is encrypted with them.`);
  if ((env.SMTP_URL ?? '').trim() === '') problems.push('SMTP_URL is required in production so account mail (verification, password reset, notices) can be sent: smtps://user:password@host:465, or smtp://user:password@host:587 with STARTTLS.');
  if (problems.length === 1) throw new ConfigError(problems.join(''));
  if (problems.length > 1) throw new ConfigError(`Refusing to start in production:\n- ${problems.join('\n- ')}`);
}

/** What {@link readAppConfig} needs to know of the app itself. */
export interface AppIdentity {
  /** The app's folder (the one holding package.json, src/ and dist/). */
  appRoot: string;
  /** Shown on pages, refused inside passwords, and the default Redis prefix. */
  appName: string;
  /** The SQLite file under `<appRoot>/data/` when DATABASE_URL is not set. Default `<appName>.db`. */
  databaseFile?: string;
  /** The port when PORT is not set. Default 3000; `pnpm gen app` gives each new app its own, so apps run side by side. */
  defaultPort?: number;
}

/**
 * Reads an app's configuration from `env`. Development works with no variables at all: SQLite
 * under `<appRoot>/data/`, sessions in SQLite, a random signing key. Invalid values throw a
 * {@link ConfigError} that names the variable and shows what is expected; so do, with
 * NODE_ENV=production, missing or weak SESSION_KEYS (see `sessionKeyProblem`) and a
 * TRUST_PROXY of 0 (the app speaks plain HTTP, so a trusted TLS proxy must sit in front).
 *
 * @example
 * const config = readAppConfig(process.env, { appRoot: APP_ROOT, appName: 'shop' });
 */
export function readAppConfig(env: NodeJS.ProcessEnv, app: AppIdentity): AppConfig {
  const production = env.NODE_ENV === 'production';
  const port = parsePort(env.PORT ?? String(app.defaultPort ?? 3000));
  const rawKeys = (env.SESSION_KEYS ?? '').split(',').map((k) => k.trim()).filter((k) => k.length > 0);
  const trustProxy = Number(env.TRUST_PROXY ?? '0');
  if (!Number.isInteger(trustProxy) || trustProxy < 0 || trustProxy > 10) {
    throw new ConfigError(`TRUST_PROXY must be the number of proxies in front of the app (0 to 10), got "${env.TRUST_PROXY ?? ''}".`);
  }
  if (production) refuseUnsafeProduction(rawKeys, trustProxy, env);
  const dataKeys = parseDataKeysVariable(env.DATA_KEYS);
  const appOrigin = parseOrigin(env.APP_ORIGIN ?? `http://localhost:${port}`);
  const redisUrl = env.REDIS_URL?.trim() === '' ? undefined : env.REDIS_URL;
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError(`REDIS_URL must start with redis:// or rediss://, got "${redisUrl}".`);
  const sessionStore = parseSessionStore(env.SESSION_STORE, redisUrl);
  const smtpUrl = parseSmtpUrl(env.SMTP_URL, production);
  const webConcurrency = parseWebConcurrency(env.WEB_CONCURRENCY);
  refuseUnsharedState(webConcurrency, sessionStore, smtpUrl);
  return {
    port,
    production,
    databaseUrl: env.DATABASE_URL?.trim() || path.join(app.appRoot, 'data', app.databaseFile ?? `${app.appName}.db`),
    redisUrl,
    redisPrefix: env.REDIS_PREFIX ?? `${app.appName}:`,
    sessionStore,
    webConcurrency,
    authCache: parseSwitch('AUTH_CACHE', env.AUTH_CACHE, true),
    sessionKeys: rawKeys.length > 0 ? rawKeys : [randomBytes(48).toString('base64url')],
    generatedKeys: rawKeys.length === 0,
    trustProxy,
    appOrigin,
    appName: app.appName,
    smtpUrl,
    mailFrom: parseMailFrom(env.MAIL_FROM, app.appName, appOrigin),
    dataKeys: dataKeys ?? parseDataKeys(generateDataKey()),
    generatedDataKeys: dataKeys === undefined,
    appRoot: app.appRoot,
    scrypt: DEFAULT_SCRYPT_PARAMS,
    now: Date.now,
  };
}
