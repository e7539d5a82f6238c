/** The pages every app shares: sign-up, sign-in, logout, account pages, health, error pages, and the render helpers. */
export { accountRoutes, type AccountRoutesOptions } from './account-routes.js';
export { accountEmailRoutes, type AccountEmailRoutesOptions } from './account-email-routes.js';
export { AUTH_PUBLIC_PATHS, authRoutes, type AuthRoutesOptions } from './auth-routes.js';
export { emailVerificationRoutes, type EmailVerificationRoutesOptions } from './email-verification-routes.js';
export { CHECK_INBOX_AFTER_RESET_REQUEST, passwordResetRoutes, type PasswordResetRoutesOptions } from './password-reset-routes.js';
export { CHECK_INBOX_AFTER_SIGN_UP, registrationRoutes, type RegistrationRoutesOptions } from './registration-routes.js';
export { RESET_REQUEST_TASK, resetRequestTask, type ResetRequestTaskOptions } from './reset-request-task.js';
export { SECOND_STEP_MS, secondStepRoutes, type SecondStepRoutesOptions, startSecondStep } from './second-step-routes.js';
export { SENSITIVE_SETTINGS_FRESH_MS, twoFactorRoutes, type TwoFactorRoutesOptions } from './two-factor-routes.js';
export { tooManyAttempts } from './too-many-attempts.js';
export { errorPages } from './error-pages.js';
export { DEV_MAIL_PATH, devMailPages, devMailRoutes } from './dev-mail.js';
export { healthRoute } from './health.js';
export { pageHelpers, type Flash, type PagesOptions } from './pages.js';
export { reauthUsername } from './reauth.js';
export { assertSignUpFields, type SignUpCheck, type SignUpFields } from './sign-up-fields.js';
export { describeUserAgent } from './user-agent.js';
