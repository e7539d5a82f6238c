/**
 * `@acme/auth-core/koa`: the Koa adapter. `securityChain` is the ordered request chain in one
 * middleware; the pieces it composes are exported too, for apps that must see them one by one.
 */
export { authNow, setAuthClock } from './clock.js';
export type { KoaSession } from './context.js';
export { createSession, UnsafeSessionConfigError, type CreateSessionOptions } from './create-session.js';
export { CSRF_FIELD, CSRF_HEADER, csrfProtection, csrfToken, pendingCsrfToken, rotateCsrfToken, type CsrfOptions, type PendingCsrfToken } from './csrf.js';
export { logAppError } from './app-errors.js';
export { formFields } from './form-fields.js';
export { noStore, securityHeaders, type SecurityHeadersOptions } from './headers.js';
export { toKoaSessionStore, type KoaSessionExternalStore, type KoaStoreOptions } from './koa-store.js';
export { loadUser, type LoadUserOptions, type SessionUser } from './load-user.js';
export { login, logout, rotateAfterPasswordChange, type LoginUser } from './login.js';
export {
  GUARD_REFUSALS,
  loginRequired,
  REAUTH_PARAM,
  requireAuthentication,
  wantsJson,
  type LoginRequiredOptions,
  type RequireAuthenticationOptions,
} from './login-required.js';
export { endPreAuth, readPreAuth, startPreAuth, type PreAuthData } from './pre-auth.js';
export { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, sendProblem, type Problem, type ProblemType } from './problem.js';
export { requestBody, type RequestBodyOptions } from './request-body.js';
export { securityChain, type SecurityChainOptions } from './security-chain.js';
