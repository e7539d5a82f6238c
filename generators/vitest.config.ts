import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'generators',
    // The JSON report lets .ci/run print one 'N passed, N failed' line for the whole workspace.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
