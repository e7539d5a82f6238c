import { parseArgs } from 'node:util';
import { GeneratorError } from '../errors.js';
import { applyInit, describeInit } from './apply-init.js';
import { assertCleanRepo } from './git.js';
import { readTemplateManifest } from './manifest.js';
import { findPnpm } from '../pnpm.js';
import { planInit } from './plan-init.js';
import { promptInit } from './prompt-init.js';

/** `pnpm gen init` usage. */
export const INIT_USAGE = `pnpm gen init --scope @newco --name <product> [--title "Product"] [--app <first-app>] [--drop-demo] [--drop-docs] [--dry-run]`;

const opt = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * `pnpm gen init`: makes the template your project in one commit. Checks the template manifest
 * and a clean git tree, asks in a terminal for what the flags leave out, validates and plans every
 * change, then prints it (`--dry-run`) or applies and commits it and prints the next steps.
 *
 * @example
 * await runInit(['--scope', '@newco', '--name', 'widget', '--dry-run'], root);
 */
export async function runInit(argv: string[], root: string): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scope: { type: 'string' },
      name: { type: 'string' },
      title: { type: 'string' },
      app: { type: 'string' },
      'drop-demo': { type: 'boolean' },
      'drop-docs': { type: 'boolean' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(`Usage:\n  ${INIT_USAGE}\n\nSee docs/guide/new-project.md.`);
    return;
  }
  const manifest = await readTemplateManifest(root);
  await assertCleanRepo(root);
  let answers: Record<string, unknown> = { scope: values.scope, name: values.name, title: values.title, app: values.app, dropDemo: values['drop-demo'], dropDocs: values['drop-docs'] };
  if (values.scope === undefined || values.name === undefined) {
    if (!process.stdin.isTTY) throw new GeneratorError(`Missing --scope or --name, and no terminal to ask in.\n\nUsage:\n  ${INIT_USAGE}`);
    answers = await promptInit(manifest, answers);
  }
  const plan = await planInit(root, {
    scope: opt(answers.scope) ?? '',
    name: opt(answers.name) ?? '',
    title: opt(answers.title),
    app: opt(answers.app),
    dropDemo: answers.dropDemo === true,
    dropDocs: answers.dropDocs === true,
  });
  const lines = describeInit(plan).map((l) => `  ${l}`);
  if (values['dry-run']) {
    console.log(`Dry run: nothing written. Would:\n${lines.join('\n')}`);
    return;
  }
  // The lockfile step needs pnpm: find it (or say how to install it) before rewriting anything.
  await findPnpm(root);
  await applyInit(root, plan);
  console.log(`Initialised ${plan.renames.scope[1]}/${plan.renames.name[1]} in one commit ("${plan.commitMessage}"):\n${lines.join('\n')}\n\nNext:\n${plan.next.map((n) => `  ${n}`).join('\n')}`);
}
