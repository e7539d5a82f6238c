import { packageTestConfig } from '@acme/vitest-config';

// Shared settings: tooling/vitest-config.
export default packageTestConfig('auth-core', { include: ['test/**/*.test.ts', 'src/**/*.test.ts'] });
