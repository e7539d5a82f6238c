import nodeCluster from 'node:cluster';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Migration } from 'kysely';
import { isPostgresUrl, openDatabase, type Db } from '../accounts/database.js';
import { KyselyAccountStore } from '../accounts/kysely-store.js';
import { migrateToLatest, pingDatabase } from '../accounts/migrations.js';
import type { AccountsSchema } from '../accounts/schema.js';
import { createLoginThrottle, createPasswordChangeThrottle, createPasswordHasher, createPasswordResetThrottles, createRegistrationThrottle, createRequestThrottle, createSecondFactorThrottle, createSecurityLog, type FailureThrottle, type LoginThrottle, MemoryStore, type PasswordHasher, type PasswordResetThrottles, type RequestThrottle, type SecurityLog, type SessionStore } from '@acme/auth-core';
import { AccountMailer } from '../account-mail/index.js';
import { AccountTokenStore } from '../accounts/account-tokens.js';
import { TwoFactorStore } from '../accounts/two-factor-store.js';
import { SecondFactor } from '../two-factor/index.js';
import { relyingParty, type RelyingParty } from '../passkeys/relying-party.js';
import { RedisSessionStore } from '@acme/auth-core/stores/redis';
import { SqliteSessionStore, type SqliteReadCacheOptions } from '@acme/auth-core/stores/sqlite';
import { ConfigError, redactUrl, type AppConfig } from './config.js';
import { createSmtpTransport, DevMailbox, MailOutbox, type MailTransport, MailWorker } from '../mail/index.js';

/** The app's mail: the outbox its pages write to, and the worker that delivers it. */
export interface AppMail {
  /** Where pages queue mail, in their transactions. */
  outbox: MailOutbox;
  /** Delivers the outbox; `runServer` starts it, tests call `drain()`. */
  worker: MailWorker;
  /** In development without SMTP_URL: the mail `/dev/mail` shows. */
  devMailbox: DevMailbox | undefined;
  /** Composes the account mails (verification, reset, notices) from the app's views and queues them. */
  mailer: AccountMailer;
}

/** Everything an app's routes use, built once from the config. */
export interface AppServices {
  /** The app's database; absent when the app has no migrations (no accounts yet). */
  db: Db<AccountsSchema> | undefined;
  /** User accounts; absent when the app has no accounts (`pnpm gen auth` adds them). */
  users: KyselyAccountStore | undefined;
  /** The session store SESSION_STORE chose. */
  sessions: SessionStore;
  /** Hashes and verifies passwords through the bounded queue. */
  hasher: PasswordHasher;
  /** Sign-in throttle (username+IP, IP, account): counts failures. */
  loginThrottle: LoginThrottle;
  /** Sign-up throttle, per IP: counts requests. */
  registrationThrottle: RequestThrottle;
  /** Wrong-current-password throttle, per user: counts failures. */
  passwordChangeThrottle: FailureThrottle;
  /** Forgot-password throttles, per address and per IP: count requests. */
  passwordResetThrottles: PasswordResetThrottles;
  /** The single-use tokens of reset and verification links (absent without a database). */
  tokens: AccountTokenStore | undefined;
  /** TOTP and recovery codes (absent without a database). */
  secondFactor: SecondFactor | undefined;
  /**
   * Marks a passkey sign-in challenge used, atomically (one point per challenge, in Redis when
   * REDIS_URL is set): of parallel posts of one assertion, one gets through.
   */
  passkeyChallenges: RequestThrottle;
  /** APP_ORIGIN as a WebAuthn relying party; `undefined` on an IP address (no passkeys there). */
  relyingParty: RelyingParty | undefined;
  /** Wrong second-factor codes, per sign-in and per account: counts failures. */
  secondFactorThrottle: FailureThrottle<[signInId: string, userId: string]>;
  /** Security events (JSON lines). */
  securityLog: SecurityLog;
  /** Mail (absent when the app has no database). */
  mail: AppMail | undefined;
  /** For `/healthz`: one probe per service the app depends on. */
  probes: Record<string, () => Promise<unknown>>;
  /** Closes the database, the session store and Redis. */
  close(): Promise<void>;
}

/** {@link AppServices} of an app with accounts: the database and the account store are there. */
export type AccountServices = AppServices & {
  /** The app's database. */
  db: Db<AccountsSchema>;
  /** User accounts. */
  users: KyselyAccountStore;
  /** Mail. */
  mail: AppMail;
  /** Reset and verification tokens. */
  tokens: AccountTokenStore;
  /** TOTP and recovery codes. */
  secondFactor: SecondFactor;
  /** The account mails (`mail.mailer`, at the top for the pages' options). */
  mailer: AccountMailer;
};

/**
 * Narrows services to an app with accounts, or throws a programmer error that says how to add them.
 *
 * @example
 * const { users } = requireAccounts(services);
 */
export function requireAccounts(services: AppServices): AccountServices {
  const { db, users, mail, tokens, secondFactor } = services;
  if (!db || !users || !mail || !tokens || !secondFactor) throw new TypeError('This app has no user accounts: run `pnpm gen auth --app <name>` to add them.');
  return { ...services, db, users, mail, tokens, secondFactor, mailer: mail.mailer };
}

/** Where the SQLite session file lives: next to the SQLite database, or in the app's data folder. */
function sessionFile(config: AppConfig): string {
  if (config.databaseUrl === ':memory:') return ':memory:';
  const dir = isPostgresUrl(config.databaseUrl) ? path.join(config.appRoot, 'data') : path.dirname(config.databaseUrl);
  mkdirSync(dir, { recursive: true });
  return path.join(dir, 'sessions.db');
}

async function openMigratedDatabase(config: AppConfig, migrations: Readonly<Record<string, Migration>>): Promise<Db<AccountsSchema>> {
  const db = openDatabase<AccountsSchema>(config.databaseUrl);
  try {
    await migrateToLatest(db.kysely, migrations);
  } catch (error) {
    await db.kysely.destroy().catch(() => undefined);
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : 'unknown error';
    throw new ConfigError(
      `Could not prepare the database at ${redactUrl(config.databaseUrl)}: ${reason}. Check that the database is running and that DATABASE_URL is right.`,
      { cause: error },
    );
  }
  return db;
}

/** The read-cache option AUTH_CACHE gives the SQLite session store and the user lookup: on unless it says off. */
function readCache(config: AppConfig): false | SqliteReadCacheOptions {
  return config.authCache === false ? false : {};
}

function openSessionStore(config: AppConfig, redis: Redis | undefined): SessionStore {
  const kind = config.sessionStore ?? (redis ? 'redis' : 'sqlite');
  if (kind === 'redis' && redis) return new RedisSessionStore({ client: redis, prefix: config.redisPrefix, now: config.now });
  if (kind === 'memory') return new MemoryStore({ now: config.now });
  return new SqliteSessionStore({ filename: sessionFile(config), now: config.now, cache: readCache(config) });
}

/** The outbox, its transport (SMTP_URL, or the development mailbox) and the worker. */
function openMail(config: AppConfig, db: Db<AccountsSchema>): AppMail {
  const devMailbox = config.smtpUrl === undefined && !config.production ? new DevMailbox() : undefined;
  let transport: MailTransport | undefined = devMailbox;
  if (config.smtpUrl !== undefined) {
    try {
      transport = createSmtpTransport({ url: config.smtpUrl, from: config.mailFrom, production: config.production });
    } catch (error) {
      throw new ConfigError(error instanceof Error ? error.message : 'SMTP_URL cannot be used.', { cause: error });
    }
  }
  // readAppConfig refuses production without SMTP_URL. A config made by hand (tests) gets a
  // transport that refuses: the mail waits in the outbox, nothing is lost or sent in clear.
  transport ??= { send: () => Promise.reject(new Error('SMTP_URL is not set: the mail waits in the outbox')) };
  const outbox = new MailOutbox(db.kysely, { keyring: config.dataKeys, messageIdDomain: new URL(config.appOrigin).hostname.replace(/^\[|\]$/g, ''), postgres: isPostgresUrl(config.databaseUrl), now: config.now });
  const mailer = new AccountMailer({ outbox, db: db.kysely, appRoot: config.appRoot, appName: config.appName, appOrigin: config.appOrigin });
  return { outbox, worker: new MailWorker({ outbox, transport }), devMailbox, mailer };
}

/** Options of {@link createAppServices}. */
export interface AppServicesOptions {
  /** The app's migrations (with `accountMigrations` for accounts). Without them, no database is opened. */
  migrations?: Readonly<Record<string, Migration>> | undefined;
}

/**
 * Opens what the config names: the database (migrated at start, when the app has migrations), the
 * session store (SESSION_STORE: Redis, SQLite or memory) and the throttle counters (shared in
 * Redis when REDIS_URL is set; otherwise in memory, or in a cluster worker (WEB_CONCURRENCY) in
 * the primary process, so every worker counts against the same limits). A database that cannot be prepared is a
 * {@link ConfigError} that names it (password redacted). Resolves once the password hasher's
 * dummy hash is made, so even the first unknown-user login costs exactly one scrypt.
 *
 * @example
 * const services = await createAppServices(config, { migrations: accountMigrations });
 */
export async function createAppServices(config: AppConfig, options: AppServicesOptions = {}): Promise<AppServices> {
  const hasher = createPasswordHasher({ params: config.scrypt });
  const db = options.migrations ? await openMigratedDatabase(config, options.migrations) : undefined;
  // The dummy hash for unknown users exists before the first request (SEC-AUTH-02: one scrypt per attempt).
  await hasher.dummyHash().catch(async (error: unknown) => {
    await db?.kysely.destroy();
    throw error;
  });
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, retryStrategy: (n) => Math.min(n * 100, 2000) }) : undefined;
  redis?.on('error', () => undefined);
  // #region stores
  const sessions = openSessionStore(config, redis);
  const counters = { redis, prefix: `${config.redisPrefix}rl`, cluster: nodeCluster.isWorker };
  // #endregion stores
  const mail = db ? openMail(config, db) : undefined;
  const probes: Record<string, () => Promise<unknown>> = {
    ...(db ? { database: () => pingDatabase(db.kysely) } : {}),
    sessions: () => sessions.ping(),
  };
  return {
    db,
    users: db ? new KyselyAccountStore(db.kysely, config.now, { cache: readCache(config) }) : undefined,
    tokens: db ? new AccountTokenStore(db.kysely, config.now) : undefined,
    secondFactor: db ? new SecondFactor(new TwoFactorStore(db.kysely, config.now), config.dataKeys, config.now) : undefined,
    mail,
    sessions,
    hasher,
    loginThrottle: createLoginThrottle(counters),
    registrationThrottle: createRegistrationThrottle(counters),
    passwordChangeThrottle: createPasswordChangeThrottle(counters),
    passwordResetThrottles: createPasswordResetThrottles(counters),
    secondFactorThrottle: createSecondFactorThrottle(counters),
    relyingParty: relyingParty(config.appOrigin),
    passkeyChallenges: createRequestThrottle({ ...counters, name: 'passkey_challenge', limit: 1, windowSeconds: 10 * 60 }),
    securityLog: createSecurityLog({ now: config.now, ...(config.securityLogSink ? { sink: config.securityLogSink } : {}) }),
    probes,
    async close() {
      await mail?.worker.stop();
      await sessions.close();
      if (redis) await redis.quit().catch(() => redis.disconnect());
      await db?.kysely.destroy();
    },
  };
}
