/**
 * Test helpers for apps built on the shell (imports supertest: use it from tests only). The store
 * contract, the route walker and `requireRedis` are in `@acme/auth-core/testing`.
 */
export { freshPostgresDatabase, freshSqliteDatabase, testPostgresUrl, type FreshDatabase } from './databases.js';
export { confirmEmail, mailedLink, mailTo, type AppWithMail } from './mail.js';
export { logInWithSecondFactor, turnOnSecondFactor, type AppWithClock } from './two-factor.js';
export { client, logIn, register, signUp, TEST_ORIGIN, TEST_PASSWORD, testAppConfig, testEmail, tokenFrom, tokenIn, type TestAgent, type TestAppSetup } from './web-client.js';
