// @ts-check
/**
 * Which part of the workspace may import which (the Architecture page shows this table, and a docs
 * test keeps the two equal), and the check that enforces it: `node scripts/import-rules.mjs --check`
 * (root `pnpm imports:check`, part of `pnpm test`). Imports are read with TypeScript's own
 * pre-processor, so comments and strings that only look like imports (generator templates) do not count.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The parts, by folder (`apps/*`: every app), what each is for, and which other parts it may
 * import. Every import of another part must name one of its public entries (`exports`), never a
 * file inside it; relative imports never leave their own part.
 *
 * @type {readonly { part: string; role: string; mayImport: readonly string[] }[]}
 */
export const IMPORT_RULES = [
  { part: 'packages/auth-core', role: 'the security library (framework-free main entry, Koa adapter as `./koa`, session stores as subpaths)', mayImport: [] },
  { part: 'packages/app-shell', role: 'the app shell: config, services, server, error pages, accounts, auth and account pages, views', mayImport: ['packages/auth-core'] },
  { part: 'apps/*', role: 'the apps: their own routes and views on the shell', mayImport: ['packages/auth-core', 'packages/app-shell'] },
  { part: 'generators', role: 'the generators: plan, templates, checks', mayImport: ['packages/auth-core'] },
  { part: 'docs', role: 'the documentation site and the tutorial code', mayImport: ['packages/auth-core', 'packages/app-shell'] },
  { part: 'bench', role: 'the benchmarks', mayImport: ['packages/auth-core', 'packages/app-shell', 'apps/*'] },
];

/** Root folders of workspace tooling (not packages) that any part may reach by a relative path. */
export const SHARED_FOLDERS = ['scripts'];

const SOURCE = /\.(c|m)?(t|j)sx?$|\.vue$/;
const SKIP = new Set(['node_modules', 'dist', '.turbo', 'cache', '.temp', 'coverage', 'test-results', 'templates']);

/** The workspace folders a part pattern names (`apps/*` → each app). */
function foldersOf(root, part) {
  if (!part.endsWith('/*')) return existsSync(path.join(root, part)) ? [part] : [];
  const parent = part.slice(0, -2);
  if (!existsSync(path.join(root, parent))) return [];
  return readdirSync(path.join(root, parent), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(root, parent, e.name, 'package.json')))
    .map((e) => `${parent}/${e.name}`);
}

/**
 * The workspace's packages: folder, part, name and public entries.
 *
 * @param {string} root
 * @returns {{ folder: string; part: string; name: string; entries: string[] }[]}
 */
export function workspacePackages(root) {
  return IMPORT_RULES.flatMap(({ part }) =>
    foldersOf(root, part).map((folder) => {
      /** @type {{ name: string; exports?: Record<string, unknown> }} */
      const manifest = JSON.parse(readFileSync(path.join(root, folder, 'package.json'), 'utf8'));
      return { folder, part, name: manifest.name, entries: Object.keys(manifest.exports ?? {}) };
    }),
  );
}

/**
 * What is wrong with one import of one file, or undefined: a part it may not import, a file
 * inside another package instead of its public entry, or a relative path out of its own part.
 *
 * @param {string} root the workspace root
 * @param {string} file the importing file, relative to root (`packages/app-shell/src/x.ts`)
 * @param {string} specifier what it imports
 * @param {ReturnType<typeof workspacePackages>} packages
 * @returns {string | undefined}
 */
export function importProblem(root, file, specifier, packages) {
  const own = packages.find((p) => file.startsWith(`${p.folder}/`));
  if (!own) return undefined;
  const rule = IMPORT_RULES.find((r) => r.part === own.part);
  if (specifier.startsWith('.')) {
    const target = path.relative(root, path.resolve(root, path.dirname(file), specifier)).split(path.sep).join('/');
    const inside = [own.folder, ...SHARED_FOLDERS].some((folder) => target === folder || target.startsWith(`${folder}/`));
    return inside ? undefined : `${file}: "${specifier}" leaves ${own.folder}; import the package by name`;
  }
  const target = packages.find((p) => specifier === p.name || specifier.startsWith(`${p.name}/`));
  if (!target || target === own) return undefined;
  if (!rule?.mayImport.includes(target.part)) return `${file}: ${own.part} may not import ${target.part} ("${specifier}")`;
  const entry = `.${specifier.slice(target.name.length)}`;
  return target.entries.includes(entry) ? undefined : `${file}: "${specifier}" is not a public entry of ${target.name} (${target.entries.join(', ') || 'none'})`;
}

/**
 * Every import that breaks {@link IMPORT_RULES}, in every source file of the workspace.
 *
 * @param {string} root
 * @returns {string[]}
 */
export function importViolations(root) {
  const packages = workspacePackages(root);
  /** @type {string[]} */
  const problems = [];
  const walk = (/** @type {string} */ dir) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name)) walk(rel);
      } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        const { importedFiles } = ts.preProcessFile(readFileSync(path.join(root, rel), 'utf8'), true, true);
        for (const { fileName } of importedFiles) {
          const problem = importProblem(root, rel, fileName, packages);
          if (problem) problems.push(problem);
        }
      }
    }
  };
  for (const p of packages) walk(p.folder);
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--check')) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const problems = importViolations(root);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) {
    console.error(`\n${problems.length} import(s) break the rules in scripts/import-rules.mjs (see docs/concepts/architecture.md).`);
    process.exit(1);
  }
  console.log('imports: every package imports only what the architecture allows');
}
