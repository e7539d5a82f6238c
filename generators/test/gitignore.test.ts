import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './workspace-copy.js';

/** Whether git ignores `file` (a path under the workspace, existing or not) by the workspace's .gitignore. */
function ignored(file: string): boolean {
  try {
    execFileSync('git', ['check-ignore', '--no-index', '-q', file], { cwd: repoRoot });
    return true;
  } catch {
    return false;
  }
}

describe('what an app keeps out of git', () => {
  it('ignores every app’s .env, .env.local and data folder (with the development session key), and keeps .env.example', () => {
    for (const file of ['apps/any-app/.env', 'apps/any-app/.env.local', 'apps/any-app/data/dev-session-key', 'apps/any-app/data/any-app.db']) expect(ignored(file), file).toBe(true);
    expect(ignored('apps/any-app/.env.example')).toBe(false);
  });
});
