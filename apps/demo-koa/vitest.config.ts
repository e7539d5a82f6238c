import { packageTestConfig } from '@acme/vitest-config';

// Shared settings: tooling/vitest-config.
export default packageTestConfig('demo-koa');
