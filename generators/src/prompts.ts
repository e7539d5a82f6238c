import nodePlop, { type PromptQuestion } from 'node-plop';
import { listWorkspaceApps } from './workspace.js';

/** One question for {@link promptMissing}: asked only when its answer is not known yet. */
export interface Question {
  name: string;
  message: string;
  /** `app` lists the workspace's apps to choose from; `input` is free text. */
  kind: 'app' | 'input';
}

/**
 * Asks `prompts` in the terminal with plop (inquirer), as generator `name`, and returns the raw answers.
 *
 * @example
 * const raw = await askWithPlop('init', [{ type: 'input', name: 'scope', message: 'Package scope:' }]);
 */
export async function askWithPlop(name: string, prompts: PromptQuestion[]): Promise<Record<string, unknown>> {
  const plop = await nodePlop();
  plop.setGenerator(name, { description: `pnpm gen ${name}`, prompts, actions: [] });
  return (await plop.getGenerator(name).runPrompts()) as Record<string, unknown>;
}

/**
 * The asked answers with the known ones (flags) on top: a flag given is never overridden.
 *
 * @example
 * withKnown({ app: 'shop', path: '/x' }, { path: '/reports', name: undefined }); // { app: 'shop', path: '/reports' }
 */
export function withKnown(asked: Record<string, unknown>, known: Record<string, unknown>): Record<string, unknown> {
  return { ...asked, ...Object.fromEntries(Object.entries(known).filter(([, v]) => v !== undefined)) };
}

/**
 * Asks for missing answers with plop's prompts (inquirer), listing the workspace's apps where an
 * app is asked for. Only used in a terminal; with flags, or without a TTY, generators never prompt.
 *
 * @example
 * const answers = await promptMissing(root, 'auth', [{ name: 'app', message: 'Which app?', kind: 'app' }], { app: undefined });
 */
export async function promptMissing(root: string, generator: string, questions: readonly Question[], known: Record<string, unknown>): Promise<Record<string, unknown>> {
  const apps = (await listWorkspaceApps(root)).map((a) => a.name);
  const asked = await askWithPlop(
    generator,
    questions.map((q) =>
      q.kind === 'app'
        ? { type: 'list', name: q.name, message: q.message, choices: apps, when: () => known[q.name] === undefined }
        : { type: 'input', name: q.name, message: q.message, when: () => known[q.name] === undefined },
    ),
  );
  return withKnown(asked, known);
}
