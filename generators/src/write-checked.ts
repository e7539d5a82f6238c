import { buildDependencies } from './build-first.js';
import { GeneratorError } from './errors.js';
import { formatWritten } from './format.js';
import { applyPlan, type Plan } from './plan.js';
import { runPnpm } from './run-tool.js';
import { afterWriting, recordUndo } from './undo.js';

/** Runs `pnpm install` at the root, so a new workspace package is linked and the lockfile lists it. */
async function install(root: string): Promise<void> {
  // The lockfile must change (a new importer), which pnpm refuses by default under CI=true.
  await runPnpm(root, ['install', '--no-frozen-lockfile'], '`pnpm install` failed:');
}

/**
 * Writes a checked plan, then installs (when it adds a package and `installing`), builds what the
 * lint needs and formats and lints what was written. A step that fails after the first write
 * throws a {@link GeneratorError} that lists what was written and the command that undoes the
 * run (recorded before writing), so a failed run never leaves files nobody accounts for.
 *
 * @example
 * await writeChecked(root, await planRoute(root, { app: 'shop', path: '/reports' }), false);
 */
export async function writeChecked(root: string, plan: Plan, installing: boolean): Promise<void> {
  // A new package cannot be type-aware linted before it is installed: without the install, format only.
  const lint = plan.install !== true || installing;
  if (lint && plan.install !== true) {
    // The package exists already: build its dependencies first, so a failed build leaves nothing behind.
    await buildDependencies(root, plan.package).catch((error: unknown) => {
      throw new GeneratorError(`${error instanceof Error ? error.message : String(error)}\nNothing was written.`, { cause: error });
    });
  }
  const undo = await recordUndo(root, plan, { alsoChanged: installing ? ['pnpm-lock.yaml'] : [], reinstall: installing });
  const written = await applyPlan(root, plan);
  try {
    if (installing) await install(root);
    if (lint && plan.install === true) await buildDependencies(root, plan.package);
    await formatWritten(root, written, { lint });
  } catch (error) {
    throw new GeneratorError(afterWriting(undo, error), { cause: error });
  }
}
