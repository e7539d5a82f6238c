import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'auth-core',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
