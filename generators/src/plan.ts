import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GeneratorError } from './errors.js';

/** One file a generator will create, or replace when `replace` is set (only generated registries). */
export interface PlannedFile {
  /** Path relative to the workspace root. */
  path: string;
  /** The whole new content. */
  content: string;
  /** True for files the generator owns and rewrites (marked "generated — do not edit by hand"). */
  replace?: boolean;
}

/** Everything a generator run would write, computed and validated before anything is written. */
export interface Plan {
  files: PlannedFile[];
  /** The workspace package the files belong to: its dependencies are built before its files are linted. */
  package: string;
  /** What to tell the user afterwards. */
  next: string[];
  /** Run `pnpm install` after writing: the plan adds a workspace package, so links and the lockfile must follow. */
  install?: boolean;
}

/** The first line of every file a generator owns. */
export const GENERATED_MARKER = '// generated — do not edit by hand';

/**
 * Checks that the plan writes nothing it must not: new files must not exist (never overwrite),
 * replaced files must carry the generated marker. Throws {@link GeneratorError} otherwise.
 */
export async function checkPlan(root: string, plan: Plan): Promise<void> {
  for (const file of plan.files) {
    const full = path.join(root, file.path);
    if (!existsSync(full)) continue;
    if (!file.replace) throw new GeneratorError(`${file.path} already exists; refusing to overwrite it.`);
    const first = (await readFile(full, 'utf8')).split('\n', 1)[0];
    if (first !== GENERATED_MARKER) throw new GeneratorError(`${file.path} was edited by hand (its first line is not "${GENERATED_MARKER}"); refusing to replace it.`);
  }
}

/** Lists what the plan would write, one line per file, for `--dry-run` and for the summary. */
export function describePlan(root: string, plan: Plan): string[] {
  return plan.files.map((file) => `${existsSync(path.join(root, file.path)) ? 'update' : 'create'} ${file.path}`);
}

/** Writes the plan after {@link checkPlan}; returns the paths written. */
export async function applyPlan(root: string, plan: Plan): Promise<string[]> {
  await checkPlan(root, plan);
  for (const file of plan.files) {
    const full = path.join(root, file.path);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, file.content, { flag: file.replace ? 'w' : 'wx' });
  }
  return plan.files.map((f) => f.path);
}
