/** The test services, as every auth-core test names them (defaults and env vars in src/testing/redis.ts). */
export { requireRedis, testRedisUrl as redisUrl } from '../src/testing/index.js';
