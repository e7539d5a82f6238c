import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'auth-core',
    // The JSON report lets .ci/run print one 'N passed, N failed' line for the whole workspace.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
