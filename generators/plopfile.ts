/**
 * The plopfile: plop is the generators' engine. `pnpm plop` (plop's own CLI on this file) lists
 * them; `pnpm plop route -- --app shop --path /reports` runs one with plop's named bypass.
 *
 * Each generator is registered from its one declaration (src/generators.ts): plop prompts whose
 * `validate` runs the same checks as the flags, and a custom action type of the same name that
 * runs the same plan → check → write (or exact dry run) as `pnpm gen`. Not plop's `add`/`modify` actions:
 * they cannot dry-run and succeed silently on a missing insertion point.
 */
import type { NodePlopAPI } from 'node-plop';
import { GENERATORS } from './src/generators.js';
import { exitCodeOnInterrupt } from './src/interrupt.js';
import { plopPrompts } from './src/prompts.js';
import { runGenerator } from './src/run-generator.js';
import { findWorkspaceRoot } from './src/workspace.js';

/**
 * Registers `app`, `auth`, `route` and `init` on plop.
 *
 * @example
 * // package.json: "plop": "node --import tsx generators/node_modules/plop/bin/plop.js --plopfile generators/plopfile.ts --no-progress"
 */
export default async function plopfile(plop: NodePlopAPI): Promise<void> {
  // plop exits 1 itself when an action fails; 0 without a finished action means Ctrl-C at a prompt.
  const finished = exitCodeOnInterrupt();
  const root = findWorkspaceRoot(process.env.INIT_CWD ?? process.cwd());
  plop.setWelcomeMessage('Which generator? (pnpm gen <name> --help for its flags)');
  for (const [name, generator] of Object.entries(GENERATORS)) {
    // One custom action type per generator, named after it: plop's report line reads "✔  route done".
    plop.setActionType(name, async (answers) => {
      const summary = await runGenerator(root, name, answers, 'plop').finally(finished);
      // The summary goes to stdout exactly as `pnpm gen` prints it; plop's own ✔ line goes to stderr.
      process.stdout.write(`${summary}\n`);
      return answers['dry-run'] === true ? 'dry run, nothing written' : 'done';
    });
    plop.setGenerator(name, {
      description: generator.description,
      prompts: await plopPrompts(root, generator, { interactive: process.stdin.isTTY === true }),
      actions: [{ type: name }],
    });
  }
}
