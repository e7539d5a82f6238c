import { testOnlyScryptParams } from '@acme/auth-core';
import { createFakeClock } from '@acme/auth-core/testing';
import request from 'supertest';
import { afterEach } from 'vitest';
import { createApp, type DemoApp } from '../src/app.js';
import { loadConfig, type AppConfig } from '../src/config.js';

export const ORIGIN = 'http://localhost:3000';
export const PASSWORD = 'violet kettle harbor moon';

/** A demo app on in-memory SQLite with a fake clock and fast, explicitly test-only hashing. */
export async function testApp(overrides: Partial<AppConfig> = {}) {
  const clock = createFakeClock(Date.now());
  const records: object[] = [];
  const config: AppConfig = {
    ...loadConfig({}),
    databaseUrl: ':memory:',
    scrypt: testOnlyScryptParams({ logN: 8 }),
    now: clock.now,
    securityLogSink: (r) => records.push(r),
    ...overrides,
  };
  const demo: DemoApp = await createApp(config);
  return { ...demo, clock, config, records };
}

/** A demo app made by {@link testApp}. */
export type TestDemo = Awaited<ReturnType<typeof testApp>>;

/**
 * For a test file: returns a `testApp` that remembers the apps it made and closes them after
 * each test.
 *
 * @example
 * const demo = demoPerTest();
 * it('…', async () => { const d = await demo(); … });
 */
export function demoPerTest(): (...args: Parameters<typeof testApp>) => Promise<TestDemo> {
  const open: TestDemo[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((d) => d.close()));
  });
  return async (...args) => {
    const d = await testApp(...args);
    open.push(d);
    return d;
  };
}

/** A browser-like client with a cookie jar. */
export function client(demo: { app: { callback: () => Parameters<typeof request.agent>[0] } }) {
  return request.agent(demo.app.callback());
}

type Agent = ReturnType<typeof client>;

/** Reads the CSRF token from a page's hidden `_csrf` field. */
export function tokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no _csrf field on the page');
  return match[1];
}

/** GETs `page` and returns its CSRF token. */
export async function tokenFrom(agent: Agent, page = '/login'): Promise<string> {
  return tokenIn((await agent.get(page)).text);
}

/** Registers `username` through the form. */
export async function register(agent: Agent, username = 'alice', password = PASSWORD) {
  const _csrf = await tokenFrom(agent, '/register');
  return agent.post('/register').set('Origin', ORIGIN).type('form').send({ username, password, _csrf });
}

/** Logs in through the form. */
export async function logIn(agent: Agent, username = 'alice', password = PASSWORD, next?: string) {
  const _csrf = await tokenFrom(agent, '/login');
  return agent.post('/login').set('Origin', ORIGIN).type('form').send({ username, password, _csrf, ...(next === undefined ? {} : { next }) });
}
