import { defineConfig } from 'vitest/config';

/**
 * Root Vitest config: one project per workspace package, so `npx vitest` at the root (or an IDE)
 * runs everything. `pnpm test` goes through turbo instead, which runs each package's own config
 * and caches the result.
 */
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'generators', 'docs', 'bench'],
  },
});
