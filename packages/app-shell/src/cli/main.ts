/**
 * `pnpm users` (the root script runs this file with tsx). It imports only Node built-ins until the
 * workspace packages are built, so it works on a fresh clone: the CLI itself, and the app's
 * config it loads, import `@acme/auth-core` and `@acme/app-shell` from their `dist/`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ROOT = path.resolve(PACKAGE, '..', '..');

/** Builds auth-core and the app shell once, through turbo, when a fresh clone has no dist yet. */
function buildIfMissing(): void {
  const built = ['auth-core', 'app-shell'].every((name) => existsSync(path.join(ROOT, 'packages', name, 'dist', 'index.js')));
  if (built) return;
  process.stderr.write('Building the workspace packages first (turbo run build)…\n');
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'turbo'), ['run', 'build', '--filter=./packages/*', '--output-logs=errors-only'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

buildIfMissing();
const { runUsersCli } = await import('./users-cli.js');
process.exitCode = await runUsersCli(process.argv.slice(2), ROOT, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
