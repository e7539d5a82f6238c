/**
 * `@acme/auth-core/koa`: everything a Koa app wires in, in request order.
 */
export { authNow, setAuthClock } from './clock.js';
export { CSRF_FIELD, CSRF_HEADER, csrfProtection, csrfToken, pendingCsrfToken, rotateCsrfToken, type CsrfOptions, type PendingCsrfToken } from './csrf.js';
export { assertSafeForProduction, checkDeployment, TRUST_PROXY_REQUIRED, UnsafeDeploymentError, type DeploymentFacts } from './deployment-check.js';
export {
  createSecurityLog,
  escapeForLog,
  type SecurityEvent,
  type SecurityEventType,
  type SecurityLog,
  type SecurityLogOptions,
  type SecurityRecord,
  type SecuritySink,
} from './events.js';
export { formFields } from './form-fields.js';
export { noStore, securityHeaders, type SecurityHeadersOptions } from './headers.js';
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
export { MAX_NEXT_LENGTH, safeNext } from './safe-next.js';
export { reauthUsername } from './reauth.js';
export {
  createFailureThrottle,
  createLoginThrottle,
  createPasswordChangeThrottle,
  createRegistrationThrottle,
  createRequestThrottle,
  throttleKeyForUsername,
  type CounterStore,
  type FailureAllowed,
  type FailureAttempt,
  type FailureThrottle,
  type FailureThrottleOptions,
  type LoginLimits,
  type LoginThrottle,
  type RequestThrottle,
  type RequestThrottleOptions,
  type ThrottleAllowed,
  type ThrottleBlocked,
  type ThrottleDecision,
} from '../throttle/index.js';
export {
  createSession,
  loadUser,
  MemoryStore,
  SessionStoreUnavailableError,
  UnsafeSessionConfigError,
  type CreateSessionOptions,
  type KoaSession,
  type LoadUserOptions,
  type SessionUser,
} from '../session/index.js';
export { accountRoutes, type AccountRoutesOptions } from './account-routes.js';
export { authRoutes, tooManyAttempts, type AuthRoutesOptions } from './auth-routes.js';
export { errorPages } from './error-pages.js';
export { logAppError } from './app-errors.js';
export { requestBody, type RequestBodyOptions } from './request-body.js';
export { healthRoute } from './health.js';
export { pages, type Flash, type PagesOptions } from './pages.js';
export { describeUserAgent } from './user-agent.js';
export { hasRole } from '../accounts/types.js';
