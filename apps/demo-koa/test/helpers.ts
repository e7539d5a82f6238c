import { testAppConfig } from '@acme/app-shell/testing';
import { afterEach } from 'vitest';
import { createApp, type DemoApp } from '../src/app.js';
import { loadConfig, type AppConfig } from '../src/config.js';

export { client, logIn, register, TEST_ORIGIN as ORIGIN, TEST_PASSWORD as PASSWORD, tokenFrom, tokenIn } from '@acme/app-shell/testing';

/** A demo app on in-memory SQLite with a fake clock and fast, explicitly test-only hashing. */
export async function testApp(overrides: Partial<AppConfig> = {}) {
  const { config, clock, records } = testAppConfig(loadConfig({}), overrides);
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
