import { GENERATORS } from './generators.js';

/** One question as the `turbo gen` shim asks it. */
export interface ManifestQuestion {
  name: string;
  message: string;
  kind: 'input' | 'confirm' | 'app';
  required: boolean;
}

/** One generator as `gen --manifest` prints it for the `turbo gen` shim. */
export interface ManifestGenerator {
  name: string;
  description: string;
  questions: ManifestQuestion[];
}

/**
 * The generators' declaration as plain data (`pnpm gen --manifest`), for the `turbo gen` shim: it
 * registers turbo's generators from this instead of declaring them a second time.
 *
 * @example
 * (await manifest(root)).map((g) => g.name); // ['app', 'auth', 'route', 'init']
 */
export async function manifest(root: string): Promise<ManifestGenerator[]> {
  return Promise.all(
    Object.entries(GENERATORS).map(async ([name, g]) => ({
      name,
      description: g.description,
      questions: await Promise.all(
        g.questions.map(async (q) => ({
          name: q.name,
          message: typeof q.message === 'string' ? q.message : await q.message(root).catch(() => q.name),
          kind: q.kind,
          required: q.required === true,
        })),
      ),
    })),
  );
}
