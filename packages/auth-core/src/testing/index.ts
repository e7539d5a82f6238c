/**
 * Test helpers for apps and store authors (imports Vitest: use it from tests only).
 */
export {
  createFakeClock,
  testSessionStore,
  type FakeClock,
  type SessionStoreContractOptions,
  type StoreFactoryContext,
} from './session-store-contract.js';
export { findUnprotectedRoutes, type RouteLayer, type RouteWalkOptions, type UnprotectedRoute } from './routes.js';
export { freshPostgresDatabase, freshSqliteDatabase, requireRedis, testPostgresUrl, testRedisUrl, type FreshDatabase } from './services.js';
export {
  client,
  logIn,
  register,
  TEST_ORIGIN,
  TEST_PASSWORD,
  testAppConfig,
  tokenFrom,
  tokenIn,
  type TestAgent,
  type TestAppSetup,
} from './web-client.js';
