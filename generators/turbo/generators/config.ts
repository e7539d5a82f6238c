/**
 * `turbo gen` shim: registers the workspace's generators as the CLI declares them (read from
 * `gen --manifest`, never declared here a second time) and runs each with the CLI `pnpm gen`
 * runs, so the questions, validation, dry run, formatting and tests are the same whichever
 * command a developer types.
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

/** One generator as `gen --manifest` prints it (generators/src/manifest.ts). */
interface ManifestGenerator {
  name: string;
  description: string;
  questions: { name: string; message: string; kind: 'input' | 'confirm' | 'app'; required: boolean }[];
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
 * workspace and returns what it printed; a failure throws its message. It starts that CLI with
 * this Node and the workspace's tsx rather than through `pnpm gen`: `turbo gen` reaches this shim
 * through npx, so whether `pnpm` is on the PATH here says nothing about how the person started
 * it (`npx turbo gen` without a global pnpm failed with ENOENT). Where a generator needs pnpm
 * itself (`gen app`'s install), the CLI finds it or says how to install it, before writing.
 */
function runCli(args: string[]): string {
  const root = workspaceRoot();
  try {
    return execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'generators', 'src', 'cli.ts'), ...args], {
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

/** The parent of `pid` and its command line, from `ps` (Linux and macOS); undefined past the root or where `ps` is missing. */
function parentOf(pid: number): { pid: number; args: string } | undefined {
  try {
    const line = execFileSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const match = /^(\d+)\s+(.*)$/s.exec(line);
    const parent = Number(match?.[1]);
    return match && Number.isInteger(parent) && parent > 1 ? { pid: parent, args: match[2] ?? '' } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a command line is turbo's binary running `gen` (or `generate`): never `turbo run`, nor turbo's npm wrapper (`node …/turbo gen`). */
function isTurboGen(args: string): boolean {
  const [command = '', subcommand = ''] = args.trim().split(/\s+/);
  return /(^|[/\\])turbo(\.exe)?$/.test(command) && (subcommand === 'gen' || subcommand === 'generate');
}

/**
 * The process id of the `turbo gen` binary this shim runs under (turbo → npx or pnpm dlx →
 * @turbo/gen → this file), or undefined when it was loaded some other way (a test, plop itself,
 * a generator test running under `turbo run test`). `readParent` is injectable for tests.
 *
 * @example
 * turboGenAncestor(); // 7450 under `turbo gen`, undefined under vitest
 */
export function turboGenAncestor(start = process.pid, readParent: (pid: number) => { pid: number; args: string } | undefined = parentOf): number | undefined {
  let current = readParent(start);
  for (let depth = 0; current !== undefined && depth < 8; depth += 1) {
    if (isTurboGen(current.args)) return current.pid;
    current = readParent(current.pid);
  }
  return undefined;
}

/**
 * Ends `turbo gen` with a failure. Exiting this process with 1 is not enough: turbo's Rust CLI
 * spawns @turbo/gen and discards its exit status (`call_turbo_gen(...)?;` in
 * crates/turborepo-lib/src/commands/generate.rs, turbo 2.11), so `turbo gen` exits 0 after a
 * refusal and a script or CI step running it would carry on as if the files were written; it
 * also exits 0 on SIGTERM. So the shim ends the turbo process that launched it with SIGKILL
 * (the only signal it cannot turn into success): the shell then sees a failure (137, or 1
 * through `pnpm exec`). turbo gen has nothing left to do at that point (the action is its last
 * step, and it writes no files of its own). Remove this once turbo passes the status through.
 */
function failTurboGen(): never {
  const turbo = turboGenAncestor();
  if (turbo !== undefined) process.kill(turbo, 'SIGKILL');
  return process.exit(1);
}

/**
 * A generator's action: runs the CLI with the answers as flags and returns what it printed. A
 * refusal prints the CLI's reason and fails the whole `turbo gen` command (see failTurboGen).
 */
function action(generator: ManifestGenerator): (answers: Record<string, unknown>) => string {
  return (answers) => {
    try {
      return runCli([generator.name, ...flags(answers, generator.questions.map((q) => q.name))]).trimEnd();
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      return failTurboGen();
    }
  };
}

/**
 * Registers every generator `gen --manifest` lists, with turbo's questions in the declared order
 * (the order `turbo gen <name> --args …` fills them).
 */
export default function generators(plop: PlopApi): void {
  const manifest = JSON.parse(runCli(['--manifest'])) as ManifestGenerator[];
  for (const generator of manifest) {
    plop.setGenerator(generator.name, {
      description: `${generator.description} (pnpm gen ${generator.name})`,
      prompts: generator.questions.map((q) =>
        q.kind === 'confirm' ? { type: 'confirm', name: q.name, message: q.message, default: false } : { type: 'input', name: q.name, message: q.kind === 'app' ? `${q.message} (an app under apps/)` : q.message, ...(q.required ? {} : { default: '' }) },
      ),
      actions: [action(generator)],
    });
  }
}
