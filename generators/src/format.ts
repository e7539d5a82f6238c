import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Formats (prettier) and lint-fixes (eslint --fix) only the files a generator wrote, with the
 * workspace's own tools and configs. A lint error left after fixing fails the run loudly.
 * `lint: false` formats only (a new package is not type-aware lintable before `pnpm install`).
 */
export async function formatWritten(root: string, files: readonly string[], options: { lint?: boolean } = {}): Promise<void> {
  const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
  const formattable = files.filter((f) => /\.(ts|njk|json|md)$/.test(f) && !f.endsWith('.njk'));
  if (formattable.length > 0) await run(bin('prettier'), ['--write', ...formattable], { cwd: root });
  if (options.lint === false) return;
  const byApp = new Map<string, string[]>();
  for (const file of files.filter((f) => f.endsWith('.ts'))) {
    const [apps, app] = file.split('/');
    const dir = `${apps ?? ''}/${app ?? ''}`;
    byApp.set(dir, [...(byApp.get(dir) ?? []), path.relative(dir, file)]);
  }
  for (const [dir, list] of byApp) {
    await run(bin('eslint'), ['--fix', ...list], { cwd: path.join(root, dir) });
  }
}
