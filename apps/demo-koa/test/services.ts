/** The test services, as the demo's tests name them (defaults and env vars in the shell's and auth-core's testing helpers). */
export { freshPostgresDatabase, testPostgresUrl as postgresUrl } from '@acme/app-shell/testing';
export { requireRedis, testRedisUrl as redisUrl } from '@acme/auth-core/testing';
