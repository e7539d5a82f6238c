/**
 * @packageDocumentation
 * app-shell: the application every app in the workspace is built on (the demo and the apps
 * `pnpm gen app` makes). It composes `@acme/auth-core`'s security chain with configuration from the
 * environment, services, server lifecycle, error pages, accounts on kysely (SQLite or
 * PostgreSQL), the sign-in and account pages, and default views and stylesheet (an app overrides a
 * view by adding a file of the same name under its `src/views`). Apps supply their routes.
 */
export {
  ConfigError,
  createAppServices,
  createHttpServer,
  createWebApp,
  DEFAULT_PUBLIC_DIR,
  DEV_SESSION_KEY_FILE,
  developmentSessionKey,
  ENV_FILES,
  ENV_VARIABLES,
  withEnvFiles,
  type EnvVariable,
  DEFAULT_VIEWS_DIR,
  HEADERS_TIMEOUT_MS,
  publicFiles,
  readAppConfig,
  redactUrl,
  REQUEST_TIMEOUT_MS,
  requireAccounts,
  runServer,
  TIMEOUT_CHECK_INTERVAL_MS,
  type AccountServices,
  type AppConfig,
  type AppIdentity,
  type AppServices,
  type AppServicesOptions,
  type HttpServerOptions,
  type PublicFilesOptions,
  type SessionStoreKind,
  type WebApp,
  type WebAppOptions,
} from './app/index.js';
export {
  accountMigrations,
  AccountTokenStore,
  EmailTakenError,
  isPostgresUrl,
  KyselyAccountStore,
  migrateToLatest,
  openDatabase,
  pingDatabase,
  prepareLookup,
  TOKEN_LIFETIME_MS,
  wrapLegacyHashesMigration,
  type AccountsSchema,
  type AccountTokensTable,
  type Db,
  type StoredAccount,
  type TokenPurpose,
  type TokenRecord,
  type UsersTable,
} from './accounts/index.js';
export {
  accountRoutes,
  assertSignUpFields,
  authRoutes,
  describeUserAgent,
  errorPages,
  healthRoute,
  pages,
  reauthUsername,
  tooManyAttempts,
  type AccountRoutesOptions,
  type AuthRoutesOptions,
  type Flash,
  type PagesOptions,
  type SignUpAccountStore,
  type SignUpCheck,
  type SignUpFields,
} from './pages/index.js';
export { createSmtpTransport, DevMailbox, MailOutbox, MailWorker, SmtpUrlError, type SmtpTransportOptions, type ClaimedJob, type DevMail, type MailMessage, type MailOutboxOptions, type MailTask, type MailTransport, type MailWorkerEvent, type MailWorkerOptions, type OutgoingMail } from './mail/index.js';
