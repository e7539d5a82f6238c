import type Koa from 'koa';
import request from 'supertest';
import { testOnlyScryptParams } from '@acme/auth-core';
import { createFakeClock, TEST_ORIGIN, tokenIn, type FakeClock } from '@acme/auth-core/testing';
import type { AppConfig } from '../app/config.js';

export { TEST_ORIGIN, tokenIn };

/** A password the policy accepts, for test accounts. */
export const TEST_PASSWORD = 'violet kettle harbor moon';

/** A test configuration and what the test can inspect or move. */
export interface TestAppSetup {
  /** The config to build the app with. */
  config: AppConfig;
  /** The app's clock: `clock.advance(ms)` to pass idle and absolute timeouts. */
  clock: FakeClock;
  /** Every security-log record the app wrote. */
  records: object[];
}

/**
 * Turns an app's development config into a test config: in-memory SQLite, a fake clock, fast and
 * explicitly test-only hashing (refused in production), security-log records kept in memory, and
 * {@link TEST_ORIGIN} as the app's origin (the one test requests come from, whatever the app's port).
 *
 * @example
 * const { config, clock, records } = testAppConfig(loadConfig({}));
 * const web = await createApp(config);
 */
export function testAppConfig(base: AppConfig, overrides: Partial<AppConfig> = {}): TestAppSetup {
  const clock = createFakeClock(Date.now());
  const records: object[] = [];
  const config: AppConfig = {
    ...base,
    databaseUrl: ':memory:',
    appOrigin: TEST_ORIGIN,
    scrypt: testOnlyScryptParams({ logN: 8 }),
    now: clock.now,
    securityLogSink: (record) => records.push(record),
    ...overrides,
  };
  return { config, clock, records };
}

/** A browser-like test client with a cookie jar (supertest's agent). */
export type TestAgent = ReturnType<typeof request.agent>;

/**
 * A browser-like client with a cookie jar, driving the app in-process.
 *
 * @example
 * const agent = client(web);
 * await agent.get('/login').expect(200);
 */
export function client(web: { app: Pick<Koa, 'callback'> }): TestAgent {
  return request.agent(web.app.callback());
}

/**
 * GETs `page` and returns its CSRF token.
 *
 * @example
 * const token = await tokenFrom(agent, '/account/password');
 */
export async function tokenFrom(agent: TestAgent, page = '/login'): Promise<string> {
  return tokenIn((await agent.get(page)).text);
}

/** The address {@link register} and {@link signUp} give when a test names none: `<username>@example.test`. */
export function testEmail(username: string): string {
  return `${username.normalize('NFKC').trim().toLowerCase()}@example.test`;
}

/**
 * Posts the `/register` form as a browser would (fields `username`, `email`, `password`) and
 * returns that answer: a sign-up never signs in, so a success is a 302 to the "check your inbox" page.
 *
 * @example
 * expect((await signUp(agent, 'alice')).headers.location).toBe('/register/check-your-inbox');
 */
export async function signUp(agent: TestAgent, username = 'alice', password = TEST_PASSWORD, email = testEmail(username)): Promise<request.Response> {
  const _csrf = await tokenFrom(agent, '/register');
  return agent.post('/register').set('Origin', TEST_ORIGIN).type('form').send({ username, email, password, _csrf });
}

/**
 * Creates an account and signs in, as a new user does: {@link signUp}, then {@link logIn}. Returns
 * the sign-in's answer (302 to `/dashboard`), or the sign-up's own answer when it was refused
 * (a 400 for a weak password, a 429, …). The address stays unconfirmed; see `confirmEmail`.
 *
 * @example
 * await register(client(web), 'alice');
 * expect((await agent.get('/dashboard')).status).toBe(200);
 */
export async function register(agent: TestAgent, username = 'alice', password = TEST_PASSWORD, email = testEmail(username)): Promise<request.Response> {
  const created = await signUp(agent, username, password, email);
  if (created.status !== 302 || created.headers.location === '/register') return created;
  return logIn(agent, username, password);
}

/**
 * Signs in through the `/login` form, with an optional `next`.
 *
 * @example
 * const res = await logIn(agent, 'alice', undefined, '/reports');
 */
export async function logIn(agent: TestAgent, username = 'alice', password = TEST_PASSWORD, next?: string): Promise<request.Response> {
  const _csrf = await tokenFrom(agent, '/login');
  return agent
    .post('/login')
    .set('Origin', TEST_ORIGIN)
    .type('form')
    .send({ username, password, _csrf, ...(next === undefined ? {} : { next }) });
}
