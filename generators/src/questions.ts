import type { WorkspaceApp } from './workspace.js';

/** What a question checks an answer against: the workspace, and the answers given before it. */
export interface AnswerContext {
  root: string;
  answers: Record<string, unknown>;
  /** How the answer is named in a refusal: the flag (`--path`) on the command line, the question's words at a prompt. */
  label: string;
}

/**
 * One answer a generator takes, declared once: it is the `pnpm gen` flag, plop's prompt and
 * bypass name (`pnpm plop route -- --path /x`), and `turbo gen`'s question.
 */
export interface Question {
  /** The flag and prompt name: `path` is `--path`. */
  name: string;
  /** The question at a prompt. A function when it depends on the workspace (init names the demo app). */
  message: string | ((root: string) => Promise<string>);
  /** How a refusal at a prompt names the answer ("The path"), instead of a flag nobody typed. */
  label: string;
  /** `app` offers the workspace's apps (filtered by `offer`); `confirm` is a yes/no flag. */
  kind: 'input' | 'confirm' | 'app';
  /** The generator cannot run without it: on the command line, without a terminal, its absence is an error. */
  required?: boolean;
  /** Never asked at a prompt, only given (`--dry-run`, `--skip-install`): it changes how the run goes, not what it makes. */
  flagOnly?: boolean;
  /** For `app`: the apps worth offering (gen auth leaves out apps that already have accounts). */
  offer?: (app: WorkspaceApp) => Promise<boolean>;
  /** Why no app is offered, when `offer` leaves none. */
  noneOffered?: string;
  /** Checks a non-empty answer: throws a GeneratorError whose message says why (asked again at a prompt). */
  validate?: (value: string, context: AnswerContext) => unknown;
  /** The flag's usage text, e.g. `--path </x/y>`. */
  usage: string;
}

/**
 * A text answer, or undefined when it is absent or empty (an optional question answered with Enter).
 *
 * @example
 * text(''); // undefined
 */
export const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/**
 * A yes/no answer: true only for `true` (a flag or a confirm prompt).
 *
 * @example
 * yes(undefined); // false
 */
export const yes = (value: unknown): boolean => value === true;
