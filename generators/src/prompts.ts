import nodePlop, { type PromptQuestion } from 'node-plop';
import { GeneratorError } from './errors.js';
import type { Generator } from './generators.js';
import type { Question } from './questions.js';
import { listWorkspaceApps } from './workspace.js';

/** An inquirer `validate`: true, or the reason the answer is refused, so the question is asked again. */
async function reason(question: Question, value: unknown, root: string, answers: Record<string, unknown>): Promise<true | string> {
  const raw = typeof value === 'string' ? value : String(value);
  if (!question.required && raw.trim() === '') return true;
  try {
    await question.validate?.(raw, { root, answers, label: question.label });
    return true;
  } catch (error) {
    if (error instanceof GeneratorError) return error.message;
    throw error;
  }
}

/** The names of the apps `question` offers, or a GeneratorError saying why there are none. */
async function offeredApps(root: string, question: Question): Promise<string[]> {
  const apps = [];
  for (const app of await listWorkspaceApps(root)) if (!question.offer || (await question.offer(app))) apps.push(app.name);
  if (apps.length === 0) throw new GeneratorError(question.noneOffered ?? 'This workspace has no apps (apps/*/package.json).');
  return apps;
}

/**
 * The plop (inquirer) prompts for a generator's questions, built from its one declaration:
 * each answer is checked by the question's `validate`, so a bad one is asked again with the
 * reason; an app is picked from the apps it suits. Flag-only questions (`--dry-run`) are never
 * asked, and without a terminal (`interactive: false`) nothing is: plop's bypass (`-- --path /x`)
 * still answers them, since plop refuses to bypass a question whose `when` is a function.
 *
 * @example
 * const prompts = await plopPrompts(root, GENERATORS.route, { interactive: process.stdin.isTTY });
 */
export async function plopPrompts(root: string, generator: Generator, options: { interactive: boolean; only?: readonly string[] }): Promise<PromptQuestion[]> {
  const prompts: PromptQuestion[] = [];
  for (const question of generator.questions) {
    if (options.only && !options.only.includes(question.name)) continue;
    const message = typeof question.message === 'string' ? question.message : await question.message(root).catch(() => question.name);
    const when = options.interactive && question.flagOnly !== true;
    const validate = (value: unknown, answers?: Record<string, unknown>) => reason(question, value, root, answers ?? {});
    if (question.kind === 'confirm') prompts.push({ type: 'confirm', name: question.name, message, default: false, when });
    else if (question.kind === 'input') prompts.push({ type: 'input', name: question.name, message, when, validate });
    else {
      // plop's bypass takes a list answer only when it names a choice; this one is checked by
      // `validate` instead, so an unknown app gets the same "Unknown app" reason as `pnpm gen`.
      const bypass = (value: string) => value;
      prompts.push(Object.assign({ type: 'list' as const, name: question.name, message, when, validate, choices: () => offeredApps(root, question) }, { bypass }));
    }
  }
  return prompts;
}

/**
 * Asks `prompts` in the terminal with plop (inquirer), as generator `name`, and returns the raw answers.
 *
 * @example
 * const raw = await askWithPlop('route', await plopPrompts(root, GENERATORS.route, { interactive: true }));
 */
export async function askWithPlop(name: string, prompts: PromptQuestion[]): Promise<Record<string, unknown>> {
  const plop = await nodePlop();
  plop.setGenerator(name, { description: `pnpm gen ${name}`, prompts, actions: [] });
  return (await plop.getGenerator(name).runPrompts()) as Record<string, unknown>;
}

/**
 * The questions a run still lacks: required ones with no answer.
 *
 * @example
 * missingAnswers(GENERATORS.route, { app: 'shop' }); // [the path question]
 */
export function missingAnswers(generator: Generator, answers: Record<string, unknown>): Question[] {
  return generator.questions.filter((q) => q.required && (answers[q.name] === undefined || answers[q.name] === ''));
}
