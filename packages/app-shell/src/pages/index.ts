/** The pages every app shares: sign-up, sign-in, logout, account pages, health, error pages, and the render helpers. */
export { accountRoutes, type AccountRoutesOptions } from './account-routes.js';
export { authRoutes, tooManyAttempts, type AuthRoutesOptions } from './auth-routes.js';
export { errorPages } from './error-pages.js';
export { devMailRoutes } from './dev-mail.js';
export { healthRoute } from './health.js';
export { pages, type Flash, type PagesOptions } from './pages.js';
export { reauthUsername } from './reauth.js';
export { assertSignUpFields, type SignUpAccountStore, type SignUpCheck, type SignUpFields } from './sign-up-fields.js';
export { describeUserAgent } from './user-agent.js';
