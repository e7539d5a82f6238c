// The fixture app has accounts, as after `pnpm gen auth`.
import { accountMigrations } from '../../../../src/index.js';

/** Whether the app has user accounts. */
export const hasAccounts = true;

/** The migrations the app runs at start. */
export const migrations = accountMigrations;
