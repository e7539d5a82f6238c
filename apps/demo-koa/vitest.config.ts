import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'demo-koa',
    fileParallelism: false,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
