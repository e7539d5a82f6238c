import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ACCOUNTS_MARKER } from './features.js';
import { GENERATED_MARKER } from './plan.js';

/** What an app's `src/features.ts` says about its accounts, as `gen auth` and `gen route` read it. */
export type AccountsState = 'without-accounts' | 'with-accounts' | 'not-generated';

/**
 * Whether an app made by `gen app` has accounts yet. An app without a generated `src/features.ts`
 * was wired by hand (`not-generated`): `gen auth` cannot add accounts to it, and `gen route` trusts
 * its own sign-in.
 *
 * @example
 * await accountsState('/repo/apps/shop'); // 'without-accounts' right after gen app
 */
export async function accountsState(appDir: string): Promise<AccountsState> {
  const features = await readFile(path.join(appDir, 'src', 'features.ts'), 'utf8').catch(() => undefined);
  if (features === undefined || features.split('\n', 1)[0] !== GENERATED_MARKER) return 'not-generated';
  return features.includes(ACCOUNTS_MARKER) ? 'with-accounts' : 'without-accounts';
}
