/** The test services, as every auth-core test names them (defaults and env vars in src/testing/services.ts). */
export { freshPostgresDatabase, freshSqliteDatabase, requireRedis, testPostgresUrl as postgresUrl, testRedisUrl as redisUrl } from '../src/testing/index.js';
