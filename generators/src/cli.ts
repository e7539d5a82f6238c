#!/usr/bin/env node
/**
 * `pnpm gen <generator> [flags]`: runs a generator without prompts when the flags are given,
 * asks for what is missing in a terminal, and with `--dry-run` prints exactly what it would write.
 *
 * Written around plop rather than as a plain plopfile: plop has no dry run, and its `add`/`modify`
 * actions succeed silently when an insertion point is missing. Here every answer is validated and
 * the whole plan computed before the first write; plop supplies the prompts.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GeneratorError } from './errors.js';
import { formatWritten } from './format.js';
import { applyPlan, checkPlan, describePlan, type Plan } from './plan.js';
import { INIT_USAGE, runInit } from './init/run-init.js';
import { promptRoute } from './prompts.js';
import { planRoute } from './route/plan-route.js';

const USAGE = `Usage:
  ${INIT_USAGE}
  pnpm gen route --app <app> --path </x/y> [--name "Title"] [--json] [--dry-run]

Generators not yet available here: app, auth (see docs/guide/generators.md).`;

/** The workspace root: the nearest folder above `from` with a pnpm-workspace.yaml. */
export function findWorkspaceRoot(from: string): string {
  let dir = path.resolve(from);
  while (!existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new GeneratorError('Run this inside the workspace (no pnpm-workspace.yaml found above here).');
    dir = parent;
  }
  return dir;
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'init') return runInit(argv.slice(1), findWorkspaceRoot(process.env.INIT_CWD ?? process.cwd()));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      app: { type: 'string' },
      path: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean', default: false },
      role: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const [generator] = positionals;
  if (values.help || generator === undefined) {
    console.log(USAGE);
    return;
  }
  if (generator !== 'route') throw new GeneratorError(`Unknown or not yet available generator "${generator}".\n\n${USAGE}`);
  if (values.role !== undefined) {
    throw new GeneratorError('--role is not available yet: the apps have no roles to check. Protect by role with loginRequired({ can }) in the generated module.');
  }
  const root = findWorkspaceRoot(process.env.INIT_CWD ?? process.cwd());
  let answers: Record<string, unknown> = { app: values.app, path: values.path, name: values.name };
  if (values.app === undefined || values.path === undefined) {
    if (!process.stdin.isTTY) throw new GeneratorError(`Missing --app or --path, and no terminal to ask in.\n\n${USAGE}`);
    answers = await promptRoute(root, answers);
  }
  const plan: Plan = await planRoute(root, {
    app: String(answers.app),
    path: String(answers.path),
    name: typeof answers.name === 'string' && answers.name !== '' ? answers.name : undefined,
    json: values.json,
  });
  await checkPlan(root, plan);
  const lines = describePlan(root, plan);
  if (values['dry-run']) {
    console.log(`Dry run: nothing written. Would:\n${lines.map((l) => `  ${l}`).join('\n')}`);
    return;
  }
  const written = await applyPlan(root, plan);
  await formatWritten(root, written);
  console.log(`${lines.map((l) => `  ${l}`).join('\n')}\n\nNext:\n${plan.next.map((n) => `  ${n}`).join('\n')}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof GeneratorError ? `gen: ${error.message}` : error);
  process.exitCode = 1;
});
