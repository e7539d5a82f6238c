import { packageTestConfig } from '@acme/vitest-config';

// Shared settings: tooling/vitest-config. Unlike the libraries' tests, these have no timing-sensitive
// assertions: they drive the generators in copies of the workspace (each its own temp folder) and
// wait on child processes (copies, installs, builds, git), which leave a core idle about a third of
// the time when run one file at a time. Two files at a time finish the suite about a fifth sooner.
export default packageTestConfig('generators', { testTimeout: 120_000, fileParallelism: true, maxWorkers: 2 });
