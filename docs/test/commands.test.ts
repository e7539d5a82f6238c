import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const docsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(docsRoot, '..');

/** The pnpm version the workspace pins (`"packageManager": "pnpm@10.34.9"`). */
const pinned = (() => {
  const { packageManager } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { packageManager?: string };
  const version = /^pnpm@(\d+\.\d+\.\d+)$/.exec(packageManager ?? '')?.[1];
  if (version === undefined) throw new Error(`package.json's packageManager is not pnpm@x.y.z: ${String(packageManager)}`);
  return version;
})();
const INSTALL = `npm install --global pnpm@${pinned}`;

/** Markdown pages under `dir` (repo-relative), without the generated API reference and build folders. */
function markdownUnder(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'reference', '.vitepress'].includes(entry.name) ? [] : markdownUnder(rel);
    return entry.name.endsWith('.md') ? [rel] : [];
  });
}

/** Every page a reader copies commands from. */
const pages = ['README.md', 'CONTRIBUTING.md'].filter((p) => existsSync(path.join(repoRoot, p))).concat(markdownUnder('docs'));

/**
 * Where each pnpm command of a page starts (character offsets): a line of a shell code block, or
 * a part after `&&`, `;` or `|`, that runs `pnpm`, and inline code that starts with `pnpm `.
 */
function pnpmCommands(text: string): number[] {
  const starts: number[] = [];
  for (const block of text.matchAll(/^```(?:sh|bash|shell|console)\n([\s\S]*?)^```/gm)) {
    const body = block[1] ?? '';
    const offset = (block.index ?? 0) + block[0].indexOf(body);
    for (const command of body.matchAll(/(?:^|&&|;|\|)\s*(?:\$ )?pnpm\s/gm)) starts.push(offset + (command.index ?? 0));
  }
  const prose = text.replace(/^```[\s\S]*?^```/gm, (block) => ' '.repeat(block.length));
  for (const span of prose.matchAll(/`pnpm [^`]+`/g)) starts.push(span.index ?? 0);
  return starts.sort((a, b) => a - b);
}

// Issue 17 #15: the quick start needed only npm, then every everyday command said `pnpm`, and
// `pnpm gen …` answered "pnpm: command not found".
describe('commands in the README and the docs', () => {
  it.each(['README.md', 'docs/guide/getting-started.md'])('%s says how to install the pinned pnpm before its first pnpm command', (page) => {
    const text = readFileSync(path.join(repoRoot, page), 'utf8');
    const install = text.indexOf(INSTALL);
    expect(install, `${page} should contain "${INSTALL}"`).toBeGreaterThanOrEqual(0);
    const first = pnpmCommands(text)[0];
    expect(first, `${page} has no pnpm command`).toBeDefined();
    expect(first, `${page}: a pnpm command comes before "${INSTALL}": ${text.slice(first, (first ?? 0) + 60)}`).toBeGreaterThan(install);
  });

  it('finds the commands it checks: the README runs pnpm install, start, test and gen', () => {
    const text = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const commands = pnpmCommands(text).map((at) => /pnpm\s+[\w:-]+/.exec(text.slice(at))?.[0]);
    for (const command of ['pnpm install', 'pnpm start', 'pnpm test', 'pnpm gen']) expect(commands).toContain(command);
  });

  it.each(pages)('%s names pnpm only at the pinned version', (page) => {
    const text = readFileSync(path.join(repoRoot, page), 'utf8');
    for (const [mention, version] of text.matchAll(/pnpm@([\w.^~<>=*-]+)/g)) {
      expect(version?.replace(/\.+$/, ''), `${page}: ${mention} (the workspace pins pnpm@${pinned})`).toBe(pinned);
    }
  });
});
