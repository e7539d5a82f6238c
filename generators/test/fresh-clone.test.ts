import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceScope } from '../src/index.js';
import { copyEnv, copyTemplate, inCopy, repoState } from './template-copy.js';
import { sh } from './workspace-copy.js';

const run = promisify(execFile);
const APP = 'demo-koa';
// eslint-disable-next-line no-control-regex -- strip the colour codes from tool output
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

/** `pnpm gen …` in the copy, as a person types it; resolves with its exit code and everything it printed. */
function pnpmGen(ws: string, args: string[]): Promise<{ code: number; out: string }> {
  return pnpmScript(ws, ['gen', ...args]);
}

/** A root script (`gen`, `plop`) in the copy; resolves with its exit code and everything it printed. */
async function pnpmScript(ws: string, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run('pnpm', ['--silent', ...args], { cwd: ws, env: copyEnv(), maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, out: plain(stdout + stderr) };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, out: plain(`${e.stdout ?? ''}${e.stderr ?? ''}`) };
  }
}

/** Every file and folder under `dir` (relative paths), node_modules and .git left out. */
async function walk(dir: string, rel = ''): Promise<{ path: string; isFile: boolean }[]> {
  const found: { path: string; isFile: boolean }[] = [];
  for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const child = path.join(rel, entry.name);
    found.push({ path: child, isFile: entry.isFile() });
    if (entry.isDirectory()) found.push(...(await walk(dir, child)));
  }
  return found;
}

/** Every build output or turbo cache folder of the workspace: what a fresh clone has none of. */
async function buildOutputs(ws: string): Promise<string[]> {
  return (await walk(ws)).filter((e) => !e.isFile && ['dist', '.turbo'].includes(path.basename(e.path))).map((e) => e.path);
}

/** The undo command a failed run printed (the line after "To undo the run"). */
function undoCommand(out: string): string {
  const lines = out.split('\n');
  const at = lines.findIndex((l) => l.startsWith('To undo the run'));
  const command = lines[at + 1]?.trim();
  if (at < 0 || command === undefined || command === '') throw new Error(`no undo command in:\n${out}`);
  return command;
}

/** Path → content of every file git sees as new or changed: what a run wrote. */
async function changedFiles(ws: string): Promise<Map<string, string>> {
  const status = await sh(ws, 'git', ['status', '--porcelain', '--untracked-files=all']);
  const files = new Map<string, string>();
  for (const line of status.split('\n').filter((l) => l !== '')) files.set(line.slice(3), await readFile(path.join(ws, line.slice(3)), 'utf8'));
  return files;
}

/** Path → content of every file of the app (node_modules aside), to compare a workspace outside git. */
async function appFiles(ws: string): Promise<Map<string, string>> {
  const dir = path.join(ws, 'apps', APP);
  const files = new Map<string, string>();
  for (const entry of (await walk(dir)).filter((e) => e.isFile)) files.set(entry.path, await readFile(path.join(dir, entry.path), 'utf8'));
  return files;
}

/**
 * Issue 17 #12: right after `pnpm install` in a fresh clone, nothing is built, and `gen route`
 * failed with 33 `no-unsafe-*` lint errors (auth-core's types were `any`) and left its files
 * behind. This runs in a fresh copy of the template (its own git repository, no dist, no turbo
 * cache), on the demo app (so init's --drop-demo takes this file with the demo).
 */
describe('gen route right after pnpm install, in a fresh clone', () => {
  let ws: string;
  let scope: string;

  beforeAll(async () => {
    ws = await copyTemplate();
    scope = await workspaceScope(ws);
    await inCopy(ws, 'pnpm', ['install', '--offline', '--frozen-lockfile']);
  }, 600_000);

  afterAll(async () => {
    // The copy holds a full node_modules: leave no gigabytes behind in the temp folder.
    if (ws) await rm(ws, { recursive: true, force: true });
  });

  // Issue 18 #5: plop is the engine, and `pnpm plop` writes what `pnpm gen` writes, each from a fresh clone.
  it('pnpm plop route -- --app … --path /x writes the files pnpm gen route writes, each with nothing built', async () => {
    expect(await buildOutputs(ws)).toEqual([]);
    const viaPlop = await pnpmScript(ws, ['plop', 'route', '--', '--app', APP, '--path', '/x']);
    expect(viaPlop.code, viaPlop.out).toBe(0);
    const written = await changedFiles(ws);
    expect([...written.keys()]).toContain(`apps/${APP}/src/routes/generated/x.ts`);
    // Back to the fresh clone: the written files and everything the run built go.
    await sh(ws, 'git', ['checkout', '--', '.']);
    await sh(ws, 'git', ['clean', '-fdq']);
    for (const dir of await buildOutputs(ws)) await rm(path.join(ws, dir), { recursive: true, force: true });
    expect(await changedFiles(ws)).toEqual(new Map());
    expect(await buildOutputs(ws)).toEqual([]);
    const viaGen = await pnpmGen(ws, ['route', '--app', APP, '--path', '/x']);
    expect(viaGen.code, viaGen.out).toBe(0);
    expect(await changedFiles(ws)).toEqual(written);
    await sh(ws, 'git', ['checkout', '--', '.']);
    await sh(ws, 'git', ['clean', '-fdq']);
    for (const dir of await buildOutputs(ws)) await rm(path.join(ws, dir), { recursive: true, force: true });
  }, 600_000);

  it('builds what its lint needs first, so the route is written and checked, and its test passes', async () => {
    expect(await buildOutputs(ws)).toEqual([]);
    const { code, out } = await pnpmGen(ws, ['route', '--app', APP, '--path', '/x']);
    expect(code, out).toBe(0);
    expect(out).toContain(`create apps/${APP}/src/routes/generated/x.ts`);
    expect(existsSync(path.join(ws, 'packages', 'auth-core', 'dist', 'index.js'))).toBe(true);
    await inCopy(path.join(ws, 'apps', APP), 'pnpm', ['exec', 'vitest', 'run', 'test/generated/x.test.ts']);
    const report = JSON.parse(await readFile(path.join(ws, 'apps', APP, 'test-results', 'vitest.json'), 'utf8')) as { numPassedTests: number; numFailedTests: number };
    expect(report.numFailedTests).toBe(0);
    expect(report.numPassedTests).toBeGreaterThan(0);
    await sh(ws, 'git', ['add', '-A']);
    await sh(ws, 'git', ['commit', '-q', '-m', 'Add /x']);
  }, 600_000);

  describe('when a step after writing fails (here: a lint rule every generated file breaks)', () => {
    const eslintConfig = () => path.join(ws, 'eslint.config.js');
    let original: string;

    beforeAll(async () => {
      original = await readFile(eslintConfig(), 'utf8');
      const failing = original.replace(/\n\);\s*$/, `\n  { files: ['**/generated/**'], rules: { 'max-lines': ['error', 1] } },\n);\n`);
      expect(failing).not.toBe(original);
      await writeFile(eslintConfig(), failing);
    });

    afterAll(async () => {
      if (original !== undefined) await writeFile(eslintConfig(), original);
    });

    it('exits 1 with ESLint\'s report, the files it wrote, and a git command that puts the workspace back', async () => {
      const before = await repoState(ws);
      const { code, out } = await pnpmGen(ws, ['route', '--app', APP, '--path', '/y']);
      expect(code, out).toBe(1);
      expect(out).toMatch(/^gen: ESLint found problems/m);
      expect(out).toContain('max-lines');
      for (const line of [
        `create apps/${APP}/src/routes/generated/y.ts`,
        `create apps/${APP}/src/views/generated/y.njk`,
        `create apps/${APP}/test/generated/y.test.ts`,
        `update apps/${APP}/src/routes/generated/index.ts`,
      ]) {
        expect(out).toContain(`  ${line}\n`);
      }
      expect(existsSync(path.join(ws, 'apps', APP, 'src', 'routes', 'generated', 'y.ts'))).toBe(true);
      const undo = undoCommand(out);
      expect(undo).toMatch(/^git checkout -- /);
      await sh(ws, 'sh', ['-c', undo]);
      expect(await repoState(ws)).toBe(before);
    }, 300_000);

    it('outside git, the undo command restores the changed registry from a saved copy and deletes the new files', async () => {
      const before = await appFiles(ws);
      await rename(path.join(ws, '.git'), path.join(ws, '.git-away'));
      try {
        const { code, out } = await pnpmGen(ws, ['route', '--app', APP, '--path', '/z']);
        expect(code, out).toBe(1);
        expect(out).toContain(`  create apps/${APP}/src/routes/generated/z.ts\n`);
        const undo = undoCommand(out);
        expect(undo).not.toContain('git');
        expect(undo).toContain(`apps/${APP}/src/routes/generated/index.ts`);
        expect((await appFiles(ws)).size).toBeGreaterThan(before.size);
        await sh(ws, 'sh', ['-c', undo]);
        expect(await appFiles(ws)).toEqual(before);
      } finally {
        await rename(path.join(ws, '.git-away'), path.join(ws, '.git'));
      }
    }, 300_000);
  });

  it('a workspace package that does not build stops the run before anything is written', async () => {
    const before = await repoState(ws);
    const broken = path.join(ws, 'packages', 'auth-core', 'src', 'broken-on-purpose.ts');
    await writeFile(broken, 'export const n: number = "not a number";\n');
    try {
      const after = await repoState(ws);
      const { code, out } = await pnpmGen(ws, ['route', '--app', APP, '--path', '/w']);
      expect(code, out).toBe(1);
      expect(out).toContain(`Building what ${scope}/${APP} depends on`);
      expect(out).toContain('Nothing was written.');
      expect(await repoState(ws)).toBe(after);
    } finally {
      await rm(broken);
    }
    expect(await repoState(ws)).toBe(before);
  }, 300_000);
});
