import { planApp } from './app/plan-app.js';
import { planAuth } from './auth/plan-auth.js';
import type { Plan } from './plan.js';
import type { Question } from './prompts.js';
import { planRoute } from './route/plan-route.js';

/** The flags every generator may receive (parsed once by the CLI). */
export interface GeneratorFlags {
  app?: string | undefined;
  name?: string | undefined;
  path?: string | undefined;
  role?: string | undefined;
  /** `gen app`: the port the app serves on when PORT is unset (default: the first free one from 3000). */
  port?: string | undefined;
  json: boolean;
}

/** A generator the CLI can run: what it asks, which flags it needs, and how it plans. */
export interface Generator {
  description: string;
  usage: string;
  /** Asked in a terminal when missing; required flags without a terminal. */
  questions: readonly Question[];
  plan(root: string, answers: Record<string, unknown>, flags: GeneratorFlags): Promise<Plan>;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** Every generator, by the name `pnpm gen <name>` takes. (`init` is separate: it rewrites the whole workspace.) */
export const GENERATORS: Readonly<Record<string, Generator>> = {
  app: {
    description: 'a new Koa app under apps/, wired to auth-core, with its tests',
    usage: 'pnpm gen app --name <name> [--port <port>] [--skip-install] [--dry-run]',
    questions: [{ name: 'name', message: 'App name (e.g. shop):', kind: 'input' }],
    plan: (root, answers, flags) => planApp(root, { name: String(answers.name), port: flags.port }),
  },
  auth: {
    description: 'sign-up, sign-in, logout and account pages (users table, views, tests) in an app made by gen app',
    usage: 'pnpm gen auth --app <app> [--dry-run]',
    questions: [{ name: 'app', message: 'Which app?', kind: 'app' }],
    plan: (root, answers) => planAuth(root, { app: String(answers.app) }),
  },
  route: {
    description: 'a protected route with its view and test',
    usage: 'pnpm gen route --app <app> --path </x/y> [--name "Title"] [--json] [--role <role>] [--dry-run]',
    questions: [
      { name: 'app', message: 'Which app?', kind: 'app' },
      { name: 'path', message: 'Route path (e.g. /reports):', kind: 'input' },
    ],
    plan: (root, answers, flags) =>
      planRoute(root, { app: String(answers.app), path: String(answers.path), name: text(answers.name), json: flags.json, role: flags.role }),
  },
};
