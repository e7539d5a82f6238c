import { readFileSync } from 'node:fs';

/** One environment variable an app reads: the single declaration behind `.env.example` (written by `pnpm gen app`) and the docs' Configuration page. */
export interface EnvVariable {
  /** The variable's name, e.g. `DATABASE_URL`. */
  name: string;
  /** What applies when it is unset, in words. */
  default: string;
  /** What it does. */
  meaning: string;
}

/**
 * Every variable the app shell reads, in the order a person sets them. Declared once, in the
 * package's `env-variables.json` (a data file, so `pnpm gen app` can read it on a fresh clone
 * before anything is built); the parsing lives in `readAppConfig`. A test keeps the two equal.
 *
 * @example
 * ENV_VARIABLES.map((v) => v.name); // ['NODE_ENV', 'PORT', 'APP_ORIGIN', …]
 */
export const ENV_VARIABLES: readonly EnvVariable[] = JSON.parse(readFileSync(new URL('../../env-variables.json', import.meta.url), 'utf8')) as EnvVariable[];
