import { accountsState } from './app-state.js';
import { planApp } from './app/plan-app.js';
import { parseAppName, parsePort } from './app/validate.js';
import { planAuth } from './auth/plan-auth.js';
import { describedParts } from './init/drop.js';
import { readTemplateManifest } from './init/manifest.js';
import { INIT_USAGE, initPreflight, runInit } from './init/run-init.js';
import { parseName, parseScope, parseTitle } from './init/validate.js';
import { text, yes, type Question } from './questions.js';
import { planRoute } from './route/plan-route.js';
import { parseRole, parseRoutePath, titleOf } from './route/validate.js';
import { runPlan } from './run-plan.js';
import { findWorkspaceApp } from './workspace.js';

/**
 * A generator, declared once: `pnpm gen`'s CLI, the plopfile (`pnpm plop`) and the `turbo gen`
 * shim all read this declaration, so its questions, checks and run are the same whichever runs it.
 */
export interface Generator {
  description: string;
  usage: string;
  /** In the order they are asked (and the order `turbo gen --args` fills them). */
  questions: readonly Question[];
  /** Checked before any question is asked (init: a clean git tree), so nobody answers only to be refused. */
  preflight?: (root: string) => Promise<void>;
  /** Plans, checks and writes (or describes, on a dry run); returns the text to print. Refusals throw before any write. */
  run(root: string, answers: Record<string, unknown>): Promise<string>;
}

const dryRun: Question = { name: 'dry-run', message: 'Dry run (print what would be written, write nothing)?', label: '--dry-run', kind: 'confirm', flagOnly: true, usage: '[--dry-run]' };

/** The run options every planned generator reads from its answers. */
const runOptions = (answers: Record<string, unknown>) => ({ dryRun: yes(answers['dry-run']), skipInstall: yes(answers['skip-install']) });

const appQuestion = (offer: Question['offer'], noneOffered: string): Question => ({
  name: 'app',
  message: 'Which app?',
  label: 'The app',
  kind: 'app',
  required: true,
  offer,
  noneOffered,
  validate: (value, { root }) => findWorkspaceApp(root, value),
  usage: '--app <app>',
});

/** The demo parts a person reads about, for init's questions (the manifest's lists, tests left out). */
async function manifestText(root: string, pick: (m: Awaited<ReturnType<typeof readTemplateManifest>>) => string): Promise<string> {
  return pick(await readTemplateManifest(root));
}

/** Every generator, by the name `pnpm gen <name>` and `pnpm plop <name>` take. */
export const GENERATORS: Readonly<Record<string, Generator>> = {
  app: {
    description: 'a new Koa app under apps/, wired to auth-core, with its tests',
    usage: 'pnpm gen app --name <name> [--port <port>] [--skip-install] [--dry-run]',
    questions: [
      { name: 'name', message: 'App name (e.g. shop):', label: 'The name', kind: 'input', required: true, validate: (value, { label }) => parseAppName(value, label), usage: '--name <name>' },
      { name: 'port', message: 'Port when PORT is unset (Enter: the first free one from 3000):', label: 'The port', kind: 'input', validate: (value, { label }) => parsePort(value, label), usage: '[--port <port>]' },
      { name: 'skip-install', message: 'Skip pnpm install (link the new package yourself)?', label: '--skip-install', kind: 'confirm', flagOnly: true, usage: '[--skip-install]' },
      dryRun,
    ],
    run: async (root, answers) => runPlan(root, await planApp(root, { name: String(answers.name), port: text(answers.port) }), runOptions(answers)),
  },
  auth: {
    description: 'sign-up, sign-in, logout and account pages (users table, views, tests) in an app made by gen app',
    usage: 'pnpm gen auth --app <app> [--dry-run]',
    questions: [appQuestion(async (app) => (await accountsState(app.dir)) === 'without-accounts', 'No app can take accounts: every app made by `pnpm gen app` has them already (or none was made). Make one first: pnpm gen app --name <name>.'), dryRun],
    run: async (root, answers) => runPlan(root, await planAuth(root, { app: String(answers.app) }), runOptions(answers)),
  },
  route: {
    description: 'a protected route with its view and test',
    usage: 'pnpm gen route --app <app> --path </x/y> [--name "Title"] [--role <role>] [--mfa] [--json] [--dry-run]',
    questions: [
      appQuestion(async (app) => (await accountsState(app.dir)) !== 'without-accounts', 'No app has sign-in yet, so a protected route could never be reached. Add accounts first: pnpm gen auth --app <app>.'),
      { name: 'path', message: 'Route path (e.g. /reports):', label: 'The path', kind: 'input', required: true, validate: (value, { label }) => parseRoutePath(value, label), usage: '--path </x/y>' },
      {
        name: 'name',
        message: 'Page title (Enter: from the path):',
        label: 'The title',
        kind: 'input',
        validate: (value, { answers, label }) => titleOf(parseRoutePath(String(answers.path)), value, label),
        usage: '[--name "Title"]',
      },
      { name: 'role', message: 'Role required to see it (Enter: any signed-in user):', label: 'The role', kind: 'input', validate: (value, { label }) => parseRole(value, label), usage: '[--role <role>]' },
      { name: 'mfa', message: 'Require a second factor (two-factor authentication)?', label: '--mfa', kind: 'confirm', usage: '[--mfa]' },
      { name: 'json', message: 'Answer JSON instead of a page?', label: '--json', kind: 'confirm', usage: '[--json]' },
      dryRun,
    ],
    run: async (root, answers) =>
      runPlan(root, await planRoute(root, { app: String(answers.app), path: String(answers.path), name: text(answers.name), role: text(answers.role), mfa: yes(answers.mfa), json: yes(answers.json) }), runOptions(answers)),
  },
  init: {
    description: 'make the template your project: new scope and name, keep or drop the demo and docs, in one commit',
    usage: INIT_USAGE,
    questions: [
      {
        name: 'scope',
        message: (root) => manifestText(root, (m) => `Package scope (replaces ${m.scope}, e.g. @newco):`),
        label: 'The scope',
        kind: 'input',
        required: true,
        validate: (value, { label }) => parseScope(value, label),
        usage: '--scope @newco',
      },
      { name: 'name', message: 'Project name (lower-case, e.g. widget):', label: 'The name', kind: 'input', required: true, validate: (value, { label }) => parseName(value, label), usage: '--name <product>' },
      { name: 'title', message: 'Title for the README and docs (Enter: the project name):', label: 'The title', kind: 'input', validate: (value, { label }) => parseTitle(value, label), usage: '[--title "Product"]' },
      {
        name: 'drop-demo',
        message: (root) => manifestText(root, (m) => `Drop the demo app (apps/${m.demoApp}, and ${describedParts(m.demo).filter((d) => !d.startsWith('apps/')).join(', ')} with it)?`),
        label: '--drop-demo',
        kind: 'confirm',
        usage: '[--drop-demo]',
      },
      {
        name: 'app',
        message: (root) => manifestText(root, (m) => `New name for the demo app (Enter: keep ${m.demoApp}):`),
        label: 'The app name',
        kind: 'input',
        validate: (value, { answers, label }) => {
          const name = parseName(value, label);
          if (yes(answers['drop-demo'])) throw new Error(`The demo app is being dropped, so there is nothing to rename: press Enter.`);
          return name;
        },
        usage: '[--app <first-app>]',
      },
      { name: 'drop-docs', message: (root) => manifestText(root, (m) => `Drop the docs site (${describedParts(m.docs).join(', ')})?`), label: '--drop-docs', kind: 'confirm', usage: '[--drop-docs]' },
      dryRun,
    ],
    preflight: initPreflight,
    run: (root, answers) =>
      runInit(
        root,
        { scope: String(answers.scope), name: String(answers.name), title: text(answers.title), app: text(answers.app), dropDemo: yes(answers['drop-demo']), dropDocs: yes(answers['drop-docs']) },
        yes(answers['dry-run']),
      ),
  },
};
