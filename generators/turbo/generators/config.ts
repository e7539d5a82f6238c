/**
 * `turbo gen` shim: lists the workspace's generators and runs each with the CLI `pnpm gen` runs,
 * so the validation, dry run, formatting and tests are the same whichever command a developer types.
 *
 * Kept apart on purpose: turbo gen loads this file with its own bundled loader, which has long
 * struggled with ESM dependencies (vercel/turborepo#5657), so it imports nothing but Node built-ins
 * and only spawns the CLI. `turbo gen` fetches `@turbo/gen` of turbo's exact version: keep `turbo`
 * on a version that has a matching `@turbo/gen` release (see docs/guide/generators.md).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The part of plop's API this shim uses (turbo gen passes plop's NodePlopAPI). */
interface PlopApi {
  setGenerator(name: string, config: { description: string; prompts: Prompt[]; actions: ((answers: Record<string, unknown>) => string)[] }): void;
}

interface Prompt {
  type: 'input' | 'confirm';
  name: string;
  message: string;
  default?: string | boolean;
}

/** The workspace root: the nearest folder at or above the current one with a pnpm-workspace.yaml. */
function workspaceRoot(): string {
  let dir = process.cwd();
  while (!existsSync(path.join(dir, 'pnpm-workspace.yaml')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** `--flag value` pairs for the answers that were given; booleans become bare flags. */
function flags(answers: Record<string, unknown>, names: readonly string[]): string[] {
  return names.flatMap((name) => {
    const value = answers[name];
    if (value === true) return [`--${name}`];
    return typeof value === 'string' && value.trim() !== '' && value !== '_' ? [`--${name}`, value.trim()] : [];
  });
}

/**
 * Runs the generator CLI (what the root `gen` script runs: `tsx generators/src/cli.ts`) in the
 * workspace and returns what it printed; a refusal throws its message. It starts that CLI with
 * this Node and the workspace's tsx rather than through `pnpm gen`: `turbo gen` reaches this shim
 * through npx, so whether `pnpm` is on the PATH here says nothing about how the person started
 * it (`npx turbo gen` without a global pnpm failed with ENOENT). Where a generator needs pnpm
 * itself (`gen app`'s install), the CLI finds it or says how to install it, before writing.
 */
function runGen(generator: string, args: string[]): string {
  const root = workspaceRoot();
  try {
    return execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'generators', 'src', 'cli.ts'), generator, ...args], {
      cwd: root,
      env: { ...process.env, INIT_CWD: root },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string };
    throw new Error((e.stderr ?? '').trim() || (e.stdout ?? '').trim() || String(error), { cause: error });
  }
}

const dryRun: Prompt = { type: 'confirm', name: 'dry-run', message: 'Dry run (print what would be written, write nothing)?', default: false };

/** Registers `app`, `auth` and `route`, with prompts in the order `turbo gen <name> --args …` fills them. */
export default function generators(plop: PlopApi): void {
  plop.setGenerator('app', {
    description: 'a new Koa app under apps/, wired to auth-core, with its tests (pnpm gen app)',
    prompts: [{ type: 'input', name: 'name', message: 'App name (e.g. shop):' }, dryRun],
    actions: [(answers) => runGen('app', flags(answers, ['name', 'dry-run']))],
  });
  plop.setGenerator('auth', {
    description: 'sign-up, sign-in, logout and account pages in an app made by gen app (pnpm gen auth)',
    prompts: [{ type: 'input', name: 'app', message: 'Which app?' }, dryRun],
    actions: [(answers) => runGen('auth', flags(answers, ['app', 'dry-run']))],
  });
  plop.setGenerator('route', {
    description: 'a protected route with its view and test (pnpm gen route)',
    prompts: [
      { type: 'input', name: 'app', message: 'Which app?' },
      { type: 'input', name: 'path', message: 'Route path (e.g. /reports):' },
      { type: 'input', name: 'name', message: 'Page title (optional):', default: '' },
      { type: 'input', name: 'role', message: 'Role required (optional):', default: '' },
      { type: 'confirm', name: 'json', message: 'JSON instead of a page?', default: false },
      dryRun,
    ],
    actions: [(answers) => runGen('route', flags(answers, ['app', 'path', 'name', 'role', 'json', 'dry-run']))],
  });
}
