import { packageTestConfig } from '@acme/vitest-config';

// Shared settings: tooling/vitest-config.
export default packageTestConfig('demo-koa', { include: ['test/**/*.test.ts', 'e2e/**/*.test.ts'] });
