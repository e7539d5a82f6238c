import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GeneratorError } from '../errors.js';

/** The template's file that `gen init` reads, rewrites from and deletes. */
export const MANIFEST_FILE = 'template.json';

/** What `template.json` says about the template: the names `gen init` replaces and its optional parts. */
export interface TemplateManifest {
  /** The package scope every package uses, e.g. `@acme`. */
  scope: string;
  /** The bare project name (temp-dir prefixes and the like), e.g. `acme`. */
  name: string;
  /** The product title of the README and the docs site. */
  title: string;
  /** The demo app's folder under `apps/`, which `--app` renames. */
  demoApp: string;
  /** Folders and files dropped with the demo (the app, the bench that measures it, the bench's docs page). */
  demo: string[];
  /** Folders dropped with the docs site. */
  docs: string[];
  /** Paths (a trailing `/` for folders) never rewritten: changelogs, data files. */
  untouched: string[];
  /** Paths where the demo app's name is only an example (the libraries): `--app` leaves them as they are. */
  appNameExamples: string[];
  /** Files that only make sense in the template (init's own end-to-end tests): init deletes them. */
  templateOnly: string[];
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * Reads the template manifest at the workspace root. Its absence means the workspace was already
 * initialised (init deletes it), so that is the error a second run gets.
 *
 * @example
 * const manifest = await readTemplateManifest(root); // { scope: '@acme', name: 'acme', ... }
 */
export async function readTemplateManifest(root: string): Promise<TemplateManifest> {
  const text = await readFile(path.join(root, MANIFEST_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) {
    throw new GeneratorError(`This workspace was already initialised (${MANIFEST_FILE} is gone; init deletes it). Rename by hand from here, or start again from the template.`);
  }
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new GeneratorError(`${MANIFEST_FILE} is not valid JSON (${(error as Error).message}).`);
  }
  const { scope, name, title, demoApp, demo, docs, untouched, appNameExamples, templateOnly } = data;
  if (typeof scope !== 'string' || typeof name !== 'string' || typeof title !== 'string' || typeof demoApp !== 'string' || !isStrings(demo) || !isStrings(docs) || !isStrings(untouched) || !isStrings(appNameExamples) || !isStrings(templateOnly)) {
    throw new GeneratorError(`${MANIFEST_FILE} is malformed: it needs scope, name, title, demoApp (strings) and demo, docs, untouched, appNameExamples, templateOnly (string lists).`);
  }
  return { scope, name, title, demoApp, demo, docs, untouched, appNameExamples, templateOnly };
}
