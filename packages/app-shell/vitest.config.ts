import { packageTestConfig } from '@acme/vitest-config';

// Shared settings: tooling/vitest-config.
export default packageTestConfig('app-shell', { include: ['test/**/*.test.ts', 'src/**/*.test.ts'] });
