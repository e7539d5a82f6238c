import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'demo-koa',
    include: ['test/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
