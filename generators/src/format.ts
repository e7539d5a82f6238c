import path from 'node:path';
import { runTool } from './run-tool.js';

/**
 * Formats (prettier) and lint-fixes (eslint --fix) only the files a generator wrote, with the
 * workspace's own tools and configs. A lint error left after fixing fails the run loudly, with
 * ESLint's report, as a GeneratorError.
 * `lint: false` formats only (a new package is not type-aware lintable before `pnpm install`).
 *
 * @example
 * await formatWritten(root, ['apps/shop/src/routes/generated/reports.ts']);
 */
export async function formatWritten(root: string, files: readonly string[], options: { lint?: boolean } = {}): Promise<void> {
  const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
  const formattable = files.filter((f) => /\.(ts|json|md)$/.test(f));
  if (formattable.length > 0) await runTool(root, bin('prettier'), ['--write', ...formattable], 'Prettier could not format the written files:');
  if (options.lint === false) return;
  const byApp = new Map<string, string[]>();
  for (const file of files.filter((f) => f.endsWith('.ts'))) {
    const [apps, app] = file.split('/');
    const dir = `${apps ?? ''}/${app ?? ''}`;
    byApp.set(dir, [...(byApp.get(dir) ?? []), path.relative(dir, file)]);
  }
  for (const [dir, list] of byApp) {
    await runTool(path.join(root, dir), bin('eslint'), ['--fix', ...list], `ESLint found problems in the written files of ${dir} that it cannot fix:`);
  }
}
