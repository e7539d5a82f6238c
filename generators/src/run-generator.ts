import { GeneratorError } from './errors.js';
import { GENERATORS, type Generator } from './generators.js';
import { missingAnswers } from './prompts.js';

/** Which command a person typed: usage lines are written in its words. */
export type Entry = 'gen' | 'plop';

/**
 * A generator's usage in the words of the command that runs it: `pnpm gen route --app <app> …`,
 * or plop's named bypass, `pnpm plop route -- --app <app> …`.
 *
 * @example
 * usageFor(GENERATORS.route, 'plop'); // 'pnpm plop route -- --app <app> --path </x/y> …'
 */
export function usageFor(generator: Generator, entry: Entry): string {
  return entry === 'gen' ? generator.usage : generator.usage.replace(/^pnpm gen (\S+) /, 'pnpm plop $1 -- ');
}

/**
 * Runs generator `name` with complete answers: what the plopfile's custom action and `pnpm gen`
 * both call. A required answer still missing (no terminal to ask in) is a GeneratorError naming
 * its flag; everything else is the generator's own plan → check → write (or exact dry run).
 *
 * @example
 * const summary = await runGenerator(root, 'route', { app: 'shop', path: '/reports', 'dry-run': true }, 'gen');
 */
export async function runGenerator(root: string, name: string, answers: Record<string, unknown>, entry: Entry): Promise<string> {
  const generator = GENERATORS[name];
  if (!generator) throw new GeneratorError(`Unknown generator "${name}". Generators: ${Object.keys(GENERATORS).join(', ')}.`);
  const missing = missingAnswers(generator, answers);
  if (missing.length > 0) throw new GeneratorError(`Missing ${missing.map((q) => `--${q.name}`).join(' and ')}, and no terminal to ask in.\n\n  ${usageFor(generator, entry)}`);
  return generator.run(root, answers);
}
