/** The test services, as every app-shell test names them (defaults and env vars in src/testing/databases.ts and auth-core's testing). */
export { requireRedis, testRedisUrl as redisUrl } from '@acme/auth-core/testing';
export { freshPostgresDatabase, freshSqliteDatabase, testPostgresUrl as postgresUrl } from '../src/testing/index.js';
