// Plain JavaScript on purpose: Vitest loads each package's vitest.config.ts through Node, which
// cannot run a TypeScript file from another package on Node 20 (no type stripping there).

/**
 * The Vitest config of one workspace package: its project `name`, one test file at a time
 * (timing-sensitive tests such as event-loop lag and hash timing stay honest on 2 cores), a JSON
 * report in `test-results/vitest.json` (`.ci/run` sums them into one line), tests under `test/`,
 * and a 30 s timeout. `overrides` replaces any of these for that package.
 *
 * @param {string} name - the project name shown in the output, e.g. `auth-core`
 * @param {import('vitest/config').ViteUserConfig['test']} [overrides] - settings this package needs differently
 * @returns {import('vitest/config').ViteUserConfig}
 * @example
 * // packages/auth-core/vitest.config.ts
 * import { packageTestConfig } from '@acme/vitest-config';
 * export default packageTestConfig('auth-core', { include: ['test/**\/*.test.ts', 'src/**\/*.test.ts'] });
 */
export function packageTestConfig(name, overrides = {}) {
  return {
    test: {
      name,
      fileParallelism: false,
      reporters: ['default', 'json'],
      outputFile: { json: 'test-results/vitest.json' },
      include: ['test/**/*.test.ts'],
      testTimeout: 30_000,
      ...overrides,
    },
  };
}
