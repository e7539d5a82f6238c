/** The test services, as the demo's tests name them (defaults and env vars in auth-core's testing helpers). */
export { freshPostgresDatabase, requireRedis, testPostgresUrl as postgresUrl, testRedisUrl as redisUrl } from '@acme/auth-core/testing';
