import { askWithPlop, withKnown } from '../prompts.js';
import { describedParts } from './drop.js';
import type { TemplateManifest } from './manifest.js';
import { parseName, parseScope, parseTitle } from './validate.js';

/** An inquirer `validate` from a parser: true, or the parser's message so the question is asked again. */
const check = (parse: (raw: string) => unknown, optional = false) => (raw: string) => {
  if (optional && raw.trim() === '') return true;
  try {
    parse(raw);
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

/**
 * Asks for the `gen init` answers not given as flags, with plop's prompts (inquirer). Only used
 * in a terminal; with `--scope` and `--name` given, or without a TTY, init never prompts.
 *
 * @example
 * const answers = await promptInit(manifest, { scope: '@newco' }); // asks for the name, demo, docs
 */
export async function promptInit(manifest: TemplateManifest, known: Record<string, unknown>): Promise<Record<string, unknown>> {
  const missing = (key: string) => () => known[key] === undefined;
  const raw = await askWithPlop('init', [
    { type: 'input', name: 'scope', message: `Package scope (replaces ${manifest.scope}, e.g. @newco):`, when: missing('scope'), validate: check(parseScope) },
    { type: 'input', name: 'name', message: 'Project name (lower-case, e.g. widget):', when: missing('name'), validate: check((raw) => parseName(raw, '--name')) },
    { type: 'input', name: 'title', message: 'Title for the README and docs (Enter: the project name):', when: missing('title'), validate: check(parseTitle, true) },
    { type: 'confirm', name: 'keepDemo', message: `Keep the demo app (apps/${manifest.demoApp}, and ${describedParts(manifest.demo).filter((d) => !d.startsWith('apps/')).join(', ')} with it)?`, default: true, when: () => known.dropDemo === undefined && known.app === undefined },
    { type: 'input', name: 'app', message: `Name of the first app (Enter: ${manifest.demoApp}):`, validate: check((raw) => parseName(raw, '--app'), true), when: (a: Record<string, unknown>) => known.app === undefined && known.dropDemo !== true && a.keepDemo !== false },
    { type: 'confirm', name: 'keepDocs', message: `Keep the docs site (${describedParts(manifest.docs).join(', ')})?`, default: true, when: missing('dropDocs') },
  ]);
  const asked = {
    scope: raw.scope,
    name: raw.name,
    title: raw.title === '' ? undefined : raw.title,
    app: raw.app === '' ? undefined : raw.app,
    dropDemo: raw.keepDemo === undefined ? undefined : raw.keepDemo === false,
    dropDocs: raw.keepDocs === undefined ? undefined : raw.keepDocs === false,
  };
  return withKnown(asked, known);
}
