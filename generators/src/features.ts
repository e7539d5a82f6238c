import { GENERATED_MARKER } from './plan.js';

/** What an app's generated `src/features.ts` says it has. */
export interface FeaturesInput {
  /** The workspace's package scope (`@acme`). */
  scope: string;
  /** Whether `pnpm gen auth` has added accounts. */
  accounts: boolean;
}

/** The line `gen auth` looks for to tell whether an app already has accounts. */
export const ACCOUNTS_MARKER = 'export const hasAccounts = true;';

/**
 * `src/features.ts`: the one file through which generators switch on what an app has (its
 * migrations, its extra routes, its public paths). Generated and rewritten; app.ts imports it.
 */
export function featuresModule(input: FeaturesInput): string {
  const { scope, accounts } = input;
  const imports = accounts
    ? `import { accountMigrations, AUTH_PUBLIC_PATHS, type AppServices } from '${scope}/app-shell';
import type Router from '@koa/router';
import { registerAuthPages } from './routes/auth.js';`
    : `import type { AppServices } from '${scope}/app-shell';
import type Router from '@koa/router';`;
  return `${GENERATED_MARKER}
// \`pnpm gen app\` wrote this file and \`pnpm gen auth\` rewrites it: it says what the app has.
${imports}

/** Whether the app has user accounts (sign-up, sign-in, account pages). */
export const hasAccounts = ${String(accounts)};

/** The migrations the app runs at start${accounts ? ': the users table' : ' (none: no database until `pnpm gen auth`)'}. */
export const migrations = ${accounts ? 'accountMigrations' : 'undefined'};

/** Paths anyone may visit${accounts ? ' (with the sign-in, sign-up and password reset pages)' : ''}; every other route must refuse anonymous requests. */
export const PUBLIC_PATHS: readonly string[] = ['/', '/healthz'${accounts ? ', ...AUTH_PUBLIC_PATHS' : ''}];

/** Registers the routes the generators added${accounts ? ' (the auth and account pages)' : ' (none yet)'}. */
export function registerFeatureRoutes(router: Router, services: AppServices, appName: string): void {
${accounts ? '  registerAuthPages(router, services, appName);' : '  void router;\n  void services;\n  void appName;'}
}
`;
}
