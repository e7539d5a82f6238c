import type { ViteUserConfig } from 'vitest/config';

/**
 * The Vitest config of one workspace package: its project `name`, one test file at a time, a JSON
 * report in `test-results/vitest.json`, tests under `test/`, a 30 s timeout; `overrides` replaces
 * any of these.
 *
 * @example
 * export default packageTestConfig('auth-core', { include: ['test/**\/*.test.ts'] });
 */
export function packageTestConfig(name: string, overrides?: NonNullable<ViteUserConfig['test']>): ViteUserConfig;
