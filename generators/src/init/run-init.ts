import { findPnpm } from '../pnpm.js';
import { applyInit, describeInit } from './apply-init.js';
import { assertCleanRepo } from './git.js';
import { readTemplateManifest } from './manifest.js';
import { planInit, type InitAnswers } from './plan-init.js';

/** `pnpm gen init` usage. */
export const INIT_USAGE = `pnpm gen init --scope @newco --name <product> [--title "Product"] [--app <first-app>] [--drop-demo] [--drop-docs] [--dry-run]`;

/**
 * What must hold before init asks anything: a template manifest (init has not run yet) and a
 * clean git tree. Checked first, so nobody answers questions only to be refused.
 *
 * @example
 * await initPreflight(root);
 */
export async function initPreflight(root: string): Promise<void> {
  await readTemplateManifest(root);
  await assertCleanRepo(root);
}

/**
 * `gen init`: makes the template your project in one commit. Checks the manifest and a clean git
 * tree, validates and plans every change, then describes it (`dryRun`) or applies and commits it.
 * Returns the text to print.
 *
 * @example
 * await runInit(root, { scope: '@newco', name: 'widget' }, true);
 */
export async function runInit(root: string, answers: InitAnswers, dryRun: boolean): Promise<string> {
  await initPreflight(root);
  const plan = await planInit(root, answers);
  const lines = describeInit(plan).map((l) => `  ${l}`);
  if (dryRun) return `Dry run: nothing written. Would:\n${lines.join('\n')}`;
  // The lockfile step needs pnpm: find it (or say how to install it) before rewriting anything.
  await findPnpm(root);
  await applyInit(root, plan);
  return `Initialised ${plan.renames.scope[1]}/${plan.renames.name[1]} in one commit ("${plan.commitMessage}"):\n${lines.join('\n')}\n\nNext:\n${plan.next.map((n) => `  ${n}`).join('\n')}`;
}
