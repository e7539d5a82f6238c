/**
 * Test helpers for apps and store authors (imports Vitest: use it from tests only). Helpers that
 * drive a whole app (`testAppConfig`, `client`, `logIn`, fresh databases) are in
 * `@acme/app-shell/testing`.
 */
export {
  createFakeClock,
  testSessionStore,
  type FakeClock,
  type SessionStoreContractOptions,
  type StoreFactoryContext,
} from './session-store-contract.js';
export { TEST_ORIGIN, tokenIn } from './page-token.js';
export { requireRedis, testRedisUrl } from './redis.js';
export { findUnprotectedRoutes, type RouteLayer, type RouteWalkOptions, type UnprotectedRoute } from './routes.js';
