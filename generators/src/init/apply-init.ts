import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runPnpm, runTool } from '../run-tool.js';
import { commitAll } from './git.js';
import type { InitPlan } from './plan-init.js';

/**
 * Lists what the plan does, one line per file, for `--dry-run` and for the summary.
 *
 * @example
 * describeInit(plan); // ['move apps/demo-koa/ → apps/shop/', 'update README.md', ...]
 */
export function describeInit(plan: InitPlan): string[] {
  return [
    ...(plan.move ? [`move ${plan.move.from}/ → ${plan.move.to}/`] : []),
    ...plan.writes.map((w) => `update ${w.path}`),
    ...plan.removed.map((f) => `delete ${f}`),
    ...plan.regenerated.map((f) => `regenerate ${f}`),
    `commit "${plan.commitMessage}"`,
  ];
}

/** What a failing tool's error says after the files were rewritten: how to finish or undo by hand. */
const failedAfterRewrite = (commandLine: string) =>
  `${commandLine} failed after the files were rewritten (nothing is committed; fix it, then \`git add -A && git commit\`, or \`git reset --hard && git clean -fd\` to undo):`;

/**
 * Applies a plan from `planInit` to a clean repository: moves the demo folder (node_modules and
 * data included), deletes the dropped folders and files, the manifest and the template-only files, writes the rewritten files,
 * regenerates the lockfile (and SECURITY.md's test map when the demo's tests went), then commits
 * all of it as one commit.
 *
 * @example
 * await applyInit(root, await planInit(root, { scope: '@newco', name: 'widget' }));
 */
export async function applyInit(root: string, plan: InitPlan): Promise<void> {
  if (plan.move) await rename(path.join(root, plan.move.from), path.join(root, plan.move.to));
  for (const dropped of plan.dropped.paths) await rm(path.join(root, dropped), { recursive: true, force: true });
  for (const file of plan.removed) await rm(path.join(root, file), { force: true });
  for (const file of plan.writes) {
    await mkdir(path.dirname(path.join(root, file.path)), { recursive: true });
    await writeFile(path.join(root, file.path), file.content);
  }
  const lockfile = ['install', '--lockfile-only', '--prefer-offline'];
  await runPnpm(root, lockfile, failedAfterRewrite(`pnpm ${lockfile.join(' ')}`));
  if (plan.regenerated.includes('SECURITY.md')) await runTool(root, process.execPath, ['scripts/security-map.mjs'], failedAfterRewrite('node scripts/security-map.mjs'));
  await commitAll(root, plan.commitMessage);
}
