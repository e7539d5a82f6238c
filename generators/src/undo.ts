import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Plan } from './plan.js';

const run = promisify(execFile);

/** What a run is about to change, recorded before the first write, and the shell command that reverses it. */
export interface Undo {
  /** One line per file: `create <path>` or `update <path>`. */
  lines: string[];
  /** Removes what the run created and puts back what it changed; `&&`-joined, run at the workspace root. */
  command: string;
}

/** A path as one shell word (single-quoted unless it is plainly safe). */
const word = (p: string) => (/^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`);

/** The highest folder (or the file itself) on `rel`'s path that does not exist yet: removing it removes exactly what was created. */
function firstMissing(root: string, rel: string): string {
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i += 1) {
    const prefix = parts.slice(0, i).join('/');
    if (!existsSync(path.join(root, prefix))) return prefix;
  }
  return rel;
}

/** True when git can put `rel` back as it is now: the file is tracked and has no uncommitted change. */
async function gitRestores(root: string, rel: string): Promise<boolean> {
  try {
    await run('git', ['ls-files', '--error-unmatch', '--', rel], { cwd: root });
    const { stdout } = await run('git', ['status', '--porcelain', '--', rel], { cwd: root });
    return stdout.trim() === '';
  } catch {
    return false; // not a git repository, or an untracked file
  }
}

/**
 * Records, before a plan is written, how to reverse it: created paths are removed (the highest new
 * folder when the run makes one, so `gen app`'s installed node_modules go too); changed files
 * come back with `git checkout` when git has them as they are, otherwise from a copy saved now in
 * a temp folder (a workspace outside git, or a file with uncommitted changes). `alsoChanged`
 * names files a later step rewrites (`pnpm-lock.yaml` under `pnpm install`); `reinstall` ends the
 * command with `pnpm install` so node_modules forget a removed package.
 *
 * @example
 * const undo = await recordUndo(root, plan, { alsoChanged: [], reinstall: false });
 * undo.command; // 'git checkout -- apps/demo-koa/src/routes/generated/index.ts && rm -rf apps/demo-koa/src/routes/generated/x.ts …'
 */
export async function recordUndo(root: string, plan: Plan, options: { alsoChanged: readonly string[]; reinstall: boolean }): Promise<Undo> {
  const created = plan.files.filter((f) => !existsSync(path.join(root, f.path))).map((f) => f.path);
  const changed = [...plan.files.map((f) => f.path).filter((p) => !created.includes(p)), ...options.alsoChanged];
  const removals = [...new Set(created.map((p) => firstMissing(root, p)))];
  const viaGit: string[] = [];
  const copies: string[] = [];
  let saved: string | undefined;
  for (const rel of changed) {
    if (await gitRestores(root, rel)) {
      viaGit.push(rel);
      continue;
    }
    saved ??= await mkdtemp(path.join(tmpdir(), 'gen-undo-'));
    await mkdir(path.dirname(path.join(saved, rel)), { recursive: true });
    await copyFile(path.join(root, rel), path.join(saved, rel));
    copies.push(`cp ${word(path.join(saved, rel))} ${word(rel)}`);
  }
  const steps = [
    ...(viaGit.length > 0 ? [`git checkout -- ${viaGit.map(word).join(' ')}`] : []),
    ...copies,
    ...(removals.length > 0 ? [`rm -rf ${removals.map(word).join(' ')}`] : []),
    ...(options.reinstall ? ['pnpm install'] : []),
  ];
  return {
    lines: [...created.map((p) => `create ${p}`), ...changed.map((p) => `update ${p}`)],
    command: steps.join(' && '),
  };
}

/**
 * The message for a step that failed after the files were written: the step's own report, then
 * what was written (left in place, to fix) and the command that undoes the run.
 *
 * @example
 * throw new GeneratorError(afterWriting(undo, error));
 */
export function afterWriting(undo: Undo, error: unknown): string {
  const report = (error instanceof Error ? error.message : String(error)).trimEnd();
  return `${report}\n\nThe run stopped after writing these files, which are left as they are so you can fix them:\n${undo.lines.map((l) => `  ${l}`).join('\n')}\nTo undo the run instead, at the workspace root:\n  ${undo.command}`;
}
