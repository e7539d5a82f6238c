import { checkPlan, describePlan, type Plan } from './plan.js';
import { findPnpm } from './pnpm.js';
import { writeChecked } from './write-checked.js';

/** How a plan is carried out. */
export interface RunOptions {
  /** Print what would be written and write nothing. */
  dryRun: boolean;
  /** Leave `pnpm install` to the person (only plans that add a package install). */
  skipInstall: boolean;
}

/**
 * Carries out a plan the way every generator does: check it (never overwrite, only replace files
 * marked generated), then either describe it exactly (`dryRun`) or write it, install, build,
 * format and lint. Returns the text to print; refusals throw a GeneratorError before any write.
 *
 * @example
 * const summary = await runPlan(root, await planRoute(root, { app: 'shop', path: '/reports' }), { dryRun: true, skipInstall: false });
 */
export async function runPlan(root: string, plan: Plan, options: RunOptions): Promise<string> {
  await checkPlan(root, plan);
  const lines = describePlan(root, plan);
  const installing = plan.install === true && !options.skipInstall;
  if (options.dryRun) {
    const after = installing ? ['  then run pnpm install (links the new package, updates pnpm-lock.yaml)'] : [];
    return `Dry run: nothing written. Would:\n${[...lines.map((l) => `  ${l}`), ...after].join('\n')}`;
  }
  // Fail before writing when the install would: "pnpm not found" after the files are written helps no one.
  if (installing) await findPnpm(root);
  await writeChecked(root, plan, installing);
  const skipped = plan.install === true && !installing ? ['Run pnpm install (the new package is not linked yet), then pnpm lint.'] : [];
  return `${lines.map((l) => `  ${l}`).join('\n')}${installing ? '\n  ran pnpm install' : ''}\n\nNext:\n${[...skipped, ...plan.next].map((n) => `  ${n}`).join('\n')}`;
}
