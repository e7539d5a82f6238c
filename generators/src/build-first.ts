import path from 'node:path';
import { runTool } from './run-tool.js';

/**
 * Builds, through turbo (so a second run is a cache hit), the workspace packages `packageName`
 * depends on: the generators' lint is type-aware and reads their `dist` types, which a fresh
 * clone does not have. Without them every call into auth-core is `any`, and the lint fails with
 * dozens of `no-unsafe-*` errors that say nothing about the generated code.
 *
 * @example
 * await buildDependencies(root, '@acme/demo-koa'); // turbo run build --filter=@acme/demo-koa^...
 */
export async function buildDependencies(root: string, packageName: string): Promise<void> {
  const filter = `--filter=${packageName}^...`;
  // The workspace's own turbo, not pnpm's: it runs the same with or without a pnpm on the PATH.
  const turbo = path.join(root, 'node_modules', '.bin', 'turbo');
  await runTool(root, turbo, ['run', 'build', filter, '--output-logs=errors-only'], `Building what ${packageName} depends on (\`turbo run build ${filter}\`) failed:`);
}
