import nodePlop from 'node-plop';
import { listWorkspaceApps } from './workspace.js';

/** One question for {@link promptMissing}: asked only when its answer is not known yet. */
export interface Question {
  name: string;
  message: string;
  /** `app` lists the workspace's apps to choose from; `input` is free text. */
  kind: 'app' | 'input';
}

/**
 * Asks for missing answers with plop's prompts (inquirer), listing the workspace's apps where an
 * app is asked for. Only used in a terminal; with flags, or without a TTY, generators never prompt.
 *
 * @example
 * const answers = await promptMissing(root, 'auth', [{ name: 'app', message: 'Which app?', kind: 'app' }], { app: undefined });
 */
export async function promptMissing(root: string, generator: string, questions: readonly Question[], known: Record<string, unknown>): Promise<Record<string, unknown>> {
  const plop = await nodePlop();
  const apps = (await listWorkspaceApps(root)).map((a) => a.name);
  plop.setGenerator(generator, {
    description: `pnpm gen ${generator}`,
    prompts: questions.map((q) =>
      q.kind === 'app'
        ? { type: 'list', name: q.name, message: q.message, choices: apps, when: () => known[q.name] === undefined }
        : { type: 'input', name: q.name, message: q.message, when: () => known[q.name] === undefined },
    ),
    actions: [],
  });
  const answers = (await plop.getGenerator(generator).runPrompts()) as Record<string, unknown>;
  return { ...answers, ...Object.fromEntries(Object.entries(known).filter(([, v]) => v !== undefined)) };
}
