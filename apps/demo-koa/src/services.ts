import { createPasswordHasher, type PasswordHasher, type SessionStore } from '@acme/auth-core';
import {
  createLoginThrottle,
  createPasswordChangeThrottle,
  createRegistrationThrottle,
  createSecurityLog,
  type ActionThrottle,
  type LoginThrottle,
  type SecurityLog,
} from '@acme/auth-core/koa';
import { RedisSessionStore } from '@acme/auth-core/stores/redis';
import { SqliteSessionStore } from '@acme/auth-core/stores/sqlite';
import { Redis } from 'ioredis';
import path from 'node:path';
import { APP_ROOT, ConfigError, redactUrl, type AppConfig } from './config.js';
import { isPostgresUrl, openDatabase, type Db } from './db/database.js';
import { migrateToLatest } from './db/migrations.js';
import { UserRepository } from './db/users.js';

/** Everything the routes use, built once from the config. */
export interface Services {
  db: Db;
  users: UserRepository;
  sessions: SessionStore;
  hasher: PasswordHasher;
  loginThrottle: LoginThrottle;
  registrationThrottle: ActionThrottle;
  passwordChangeThrottle: ActionThrottle;
  securityLog: SecurityLog;
  /** Closes the database, the session store and Redis. */
  close(): Promise<void>;
}

/** Where the SQLite session file lives: next to the users database, or in memory for `:memory:`. */
function sessionFile(config: AppConfig): string {
  if (config.databaseUrl === ':memory:') return ':memory:';
  if (isPostgresUrl(config.databaseUrl)) return path.join(APP_ROOT, 'data', 'sessions.db');
  return path.join(path.dirname(config.databaseUrl), 'sessions.db');
}

/**
 * Opens the database (and migrates it), the session store (Redis when REDIS_URL is set,
 * otherwise SQLite) and the throttles (shared in Redis, or in memory).
 */
export async function createServices(config: AppConfig): Promise<Services> {
  const db = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(db.kysely);
  } catch (error) {
    await db.kysely.destroy().catch(() => undefined);
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : 'unknown error';
    throw new ConfigError(
      `Could not prepare the database at ${redactUrl(config.databaseUrl)}: ${reason}. Check that the database is running and that DATABASE_URL is right.`,
      { cause: error },
    );
  }
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, retryStrategy: (n) => Math.min(n * 100, 2000) }) : undefined;
  redis?.on('error', () => undefined);
  // #region stores
  const sessions: SessionStore = redis
    ? new RedisSessionStore({ client: redis, prefix: config.redisPrefix, now: config.now })
    : new SqliteSessionStore({ filename: sessionFile(config), now: config.now });
  const counters = { redis, prefix: `${config.redisPrefix}rl` };
  // #endregion stores
  return {
    db,
    users: new UserRepository(db.kysely, config.now),
    sessions,
    hasher: createPasswordHasher({ params: config.scrypt }),
    loginThrottle: createLoginThrottle(counters),
    registrationThrottle: createRegistrationThrottle(counters),
    passwordChangeThrottle: createPasswordChangeThrottle(counters),
    securityLog: createSecurityLog({ now: config.now, ...(config.securityLogSink ? { sink: config.securityLogSink } : {}) }),
    async close() {
      await sessions.close();
      if (redis) await redis.quit().catch(() => redis.disconnect());
      await db.kysely.destroy();
    },
  };
}
