#!/usr/bin/env node
/**
 * `pnpm gen <generator> [flags]`: runs a generator without prompts when its required flags are
 * given, asks (with plop's prompts) for what is missing in a terminal, and with `--dry-run`
 * prints exactly what it would write.
 *
 * The generators are declared once, in generators.ts; this CLI, the plopfile (`pnpm plop`, whose
 * custom action runs the same planner) and the `turbo gen` shim all read that declaration.
 * `gen --manifest` prints it as JSON for the shim, which cannot import this ESM code.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { GeneratorError } from './errors.js';
import { GENERATORS, type Generator } from './generators.js';
import { exitCodeOnInterrupt } from './interrupt.js';
import { manifest } from './manifest.js';
import { askWithPlop, missingAnswers, plopPrompts } from './prompts.js';
import { runGenerator } from './run-generator.js';
import { findWorkspaceRoot } from './workspace.js';

const USAGE = `Usage:
${Object.values(GENERATORS)
  .map((g) => `  ${g.usage}`)
  .join('\n')}

In a terminal, a generator asks for what its flags leave out. --dry-run prints what it would
write and writes nothing. The same generators run under plop: pnpm plop. Guide: docs/guide/generators.md.`;

/**
 * parseArgs options for a generator: one per question (confirm → boolean flag), plus --help, and
 * --skip-install everywhere (it was always accepted, and only plans that add a package install).
 */
function flagOptions(generator: Generator): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean' }, 'skip-install': { type: 'boolean' } };
  for (const q of generator.questions) options[q.name] = { type: q.kind === 'confirm' ? 'boolean' : 'string' };
  return options;
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === '--manifest') {
    console.log(JSON.stringify(await manifest(findWorkspaceRoot(process.env.INIT_CWD ?? process.cwd()))));
    return;
  }
  if (name === undefined || name === '--help' || name === '-h') {
    console.log(USAGE);
    return;
  }
  const generator = GENERATORS[name];
  if (!generator) throw new GeneratorError(`Unknown generator "${name}".\n\n${USAGE}`);
  const { values } = parseArgs({ args: rest, options: flagOptions(generator) });
  if (values.help === true) {
    console.log(`Usage:\n  ${generator.usage}\n\nGuide: docs/guide/generators.md.`);
    return;
  }
  const root = findWorkspaceRoot(process.env.INIT_CWD ?? process.cwd());
  let answers: Record<string, unknown> = { ...values };
  if (missingAnswers(generator, answers).length > 0 && process.stdin.isTTY) {
    await generator.preflight?.(root);
    // Flags given are kept; every other question (optional ones too: title, role, JSON) is asked.
    const unanswered = generator.questions.filter((q) => answers[q.name] === undefined).map((q) => q.name);
    answers = { ...(await askWithPlop(name, await plopPrompts(root, generator, { interactive: true, only: unanswered }))), ...answers };
  }
  console.log(await runGenerator(root, name, answers, 'gen'));
}

/** A mistyped or misused flag (node's parseArgs), which deserves a one-line answer, not a stack. */
function isUsageError(error: unknown): error is Error {
  const code = (error as { code?: unknown }).code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

const finished = exitCodeOnInterrupt();
main(process.argv.slice(2))
  .catch((error: unknown) => {
    if (error instanceof GeneratorError) console.error(`gen: ${error.message}`);
    else if (isUsageError(error)) console.error(`gen: ${error.message.split('. ')[0]}.\n\n${USAGE}`);
    else console.error(error);
    process.exitCode = 1;
  })
  .finally(finished);
