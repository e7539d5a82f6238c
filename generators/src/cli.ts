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
import { GENERATORS } from './generators.js';
import { INIT_USAGE, runInit } from './init/run-init.js';
import { checkPlan, describePlan } from './plan.js';
import { findPnpm } from './pnpm.js';
import { promptMissing } from './prompts.js';
import { writeChecked } from './write-checked.js';

const USAGE = `Usage:
${Object.values(GENERATORS)
  .map((g) => `  ${g.usage}`)
  .join('\n')}
  ${INIT_USAGE}

In a terminal, a generator asks for what its flags leave out. --dry-run prints what it would
write and writes nothing. Guide: docs/guide/generators.md.`;

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
      port: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'skip-install': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const [name] = positionals;
  if (values.help || name === undefined) {
    console.log(USAGE);
    return;
  }
  const generator = GENERATORS[name];
  if (!generator) throw new GeneratorError(`Unknown generator "${name}".\n\n${USAGE}`);
  const root = findWorkspaceRoot(process.env.INIT_CWD ?? process.cwd());
  let answers: Record<string, unknown> = { app: values.app, path: values.path, name: values.name };
  const missing = generator.questions.filter((q) => answers[q.name] === undefined);
  if (missing.length > 0) {
    if (!process.stdin.isTTY) throw new GeneratorError(`Missing ${missing.map((q) => `--${q.name}`).join(' and ')}, and no terminal to ask in.\n\n  ${generator.usage}`);
    answers = await promptMissing(root, name, generator.questions, answers);
  }
  const plan = await generator.plan(root, answers, { ...values });
  await checkPlan(root, plan);
  const lines = describePlan(root, plan);
  const installing = plan.install === true && !values['skip-install'];
  if (values['dry-run']) {
    const after = installing ? ['  then run pnpm install (links the new package, updates pnpm-lock.yaml)'] : [];
    console.log(`Dry run: nothing written. Would:\n${[...lines.map((l) => `  ${l}`), ...after].join('\n')}`);
    return;
  }
  // Fail before writing when the install would: "pnpm not found" after the files are written helps no one.
  if (installing) await findPnpm(root);
  await writeChecked(root, plan, installing);
  const skipped = plan.install === true && !installing ? ['Run pnpm install (the new package is not linked yet), then pnpm lint.'] : [];
  console.log(`${lines.map((l) => `  ${l}`).join('\n')}${installing ? '\n  ran pnpm install' : ''}\n\nNext:\n${[...skipped, ...plan.next].map((n) => `  ${n}`).join('\n')}`);
}

/** A mistyped or misused flag (node's parseArgs), which deserves a one-line answer, not a stack. */
function isUsageError(error: unknown): error is Error {
  const code = (error as { code?: unknown }).code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof GeneratorError) console.error(`gen: ${error.message}`);
  else if (isUsageError(error)) console.error(`gen: ${error.message.split('. ')[0]}.\n\n${USAGE}`);
  else console.error(error);
  process.exitCode = 1;
});
