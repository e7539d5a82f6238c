/** The names init replaces: each pair is [template's, project's]. */
export interface Renames {
  scope: [string, string];
  name: [string, string];
  title: [string, string];
  /** The demo app's folder and package name, when `--app` renames it. */
  app?: [string, string] | undefined;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Rewrites the template's names in one file's text: the title where it is written whole, the
 * scope (`@acme/x`, `` `@acme` ``), the app name as a whole word (`demo-koa`,
 * `apps/demo-koa/`, not `demo-koa2`) and the bare project name as a whole word not part of a
 * package name (`acme-bench-` yes, `acme34` no).
 *
 * @example
 * rewriteText("import x from '@acme/auth-core';", renames); // "import x from '@newco/auth-core';"
 */
export function rewriteText(text: string, renames: Renames): string {
  const rules: [RegExp, string][] = [
    [new RegExp(escape(renames.title[0]), 'g'), renames.title[1]],
    [new RegExp(`${escape(renames.scope[0])}(?![\\w.-])`, 'g'), renames.scope[1]],
    ...(renames.app ? [[new RegExp(`(?<![\\w.])${escape(renames.app[0])}(?!\\w)`, 'g'), renames.app[1]] as [RegExp, string]] : []),
    [new RegExp(`(?<![\\w@/.-])${escape(renames.name[0])}(?!\\w)`, 'g'), renames.name[1]],
  ];
  // Placeholders first, so a new name that contains an old one (`--app acme-web`) is not rewritten again.
  let out = rules.reduce((acc, [pattern], i) => acc.replace(pattern, `\u0000${i}\u0000`), text);
  rules.forEach(([, replacement], i) => {
    out = out.split(`\u0000${i}\u0000`).join(replacement);
  });
  return out;
}

/**
 * Where a file lands after init: files of the demo app move to `apps/<app>/` when it is renamed.
 *
 * @example
 * rewritePath('apps/demo-koa/src/app.ts', renames); // 'apps/shop/src/app.ts'
 */
export function rewritePath(file: string, renames: Renames): string {
  if (!renames.app) return file;
  const from = `apps/${renames.app[0]}/`;
  return file.startsWith(from) ? `apps/${renames.app[1]}/${file.slice(from.length)}` : file;
}
