import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'app-shell',
    // The JSON report lets .ci/run print one 'N passed, N failed' line for the whole workspace.
    // One file at a time: timing-sensitive tests (event-loop lag, hash timing) stay honest on 2 cores.
    fileParallelism: false,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
