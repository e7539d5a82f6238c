import { requireAccounts, type AccountServices, type WebApp } from '@acme/app-shell';
import { afterEach } from 'vitest';
import { testApp as generatedTestApp } from './helpers.js';

export { client, logIn, ORIGIN, PASSWORD, register, tokenFrom, tokenIn } from './helpers.js';

/** The demo built by its createApp, with its accounts (gen auth added them) in reach. */
export type DemoApp = WebApp<AccountServices>;

/**
 * The generated `testApp` (in-memory SQLite, a fake clock, test-only hashing), with the account
 * services typed: the demo's own tests read and change users directly.
 *
 * @example
 * const d = await testApp();
 * await d.services.users.count();
 */
export async function testApp(...args: Parameters<typeof generatedTestApp>) {
  const app = await generatedTestApp(...args);
  return { ...app, services: requireAccounts(app.services) };
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
