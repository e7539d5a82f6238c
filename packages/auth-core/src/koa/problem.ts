import type Koa from 'koa';

/**
 * The namespace of every problem type. It names the library, not the project, so `gen init`'s
 * renaming leaves it alone and a client's checks keep working across projects made from the template.
 */
const NAMESPACE = 'urn:auth-core:problem:';

/**
 * The stable `type` of every JSON error (RFC 9457): clients branch on these, never on `title`
 * or `detail`, which are words for people and may change.
 */
export const PROBLEM_TYPES = {
  /** 401 from `loginRequired`: nobody is signed in. */
  authenticationRequired: `${NAMESPACE}authentication-required`,
  /** 401 from `loginRequired({ fresh })`: the sign-in is older than allowed. */
  reauthenticationRequired: `${NAMESPACE}reauthentication-required`,
  /** 401 from anything else (a handler's own check): not the guard's, so the route walker does not count it. */
  unauthorized: `${NAMESPACE}unauthorized`,
  /** 403 from `loginRequired({ can })`: signed in, not allowed. */
  forbidden: `${NAMESPACE}forbidden`,
  /** 403 from `loginRequired({ mfa: true })`: signed in without a second factor. */
  secondFactorRequired: `${NAMESPACE}second-factor-required`,
  /** 403 from anything else (a CSRF refusal, a handler's own check): not the guard's. */
  requestRefused: `${NAMESPACE}request-refused`,
  /** 400: a malformed request or form. */
  badRequest: `${NAMESPACE}bad-request`,
  /** 404. */
  notFound: `${NAMESPACE}not-found`,
  /** 405. */
  methodNotAllowed: `${NAMESPACE}method-not-allowed`,
  /** 413: a body larger than the limit. */
  contentTooLarge: `${NAMESPACE}content-too-large`,
  /** 415: a body in a format or encoding not accepted. */
  unsupportedMediaType: `${NAMESPACE}unsupported-media-type`,
  /** 429: a throttle said no; `Retry-After` says when to try again. */
  tooManyRequests: `${NAMESPACE}too-many-requests`,
  /** 500: a bug; nothing about it is shown. */
  internalError: `${NAMESPACE}internal-error`,
  /** 503: a database, session store or the hashing queue is busy or down; see `Retry-After`. */
  serviceUnavailable: `${NAMESPACE}service-unavailable`,
} as const;

/** One of {@link PROBLEM_TYPES}, or `about:blank` (RFC 9457: nothing beyond the status). */
export type ProblemType = (typeof PROBLEM_TYPES)[keyof typeof PROBLEM_TYPES] | 'about:blank';

/** An RFC 9457 problem details object, as every JSON error is answered. */
export interface Problem {
  /** A stable URI naming the kind of problem: what clients branch on. */
  type: ProblemType;
  /** A short summary for people, the same for every occurrence of the type. */
  title: string;
  /** The HTTP status, repeated for clients that only see the body. */
  status: number;
  /** What happened this time, for people. */
  detail: string;
}

/** The media type of a problem details body (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Answers with a problem details body (`application/problem+json`, RFC 9457): the status, and
 * `{ type, title, status, detail }` as the body. The one way this library and the app shell
 * answer a JSON error.
 *
 * @example
 * sendProblem(ctx, { type: PROBLEM_TYPES.authenticationRequired, title: 'Please sign in', status: 401, detail: 'Sign in to continue.' });
 */
export function sendProblem(ctx: Koa.Context, problem: Problem): void {
  ctx.status = problem.status;
  ctx.body = { type: problem.type, title: problem.title, status: problem.status, detail: problem.detail };
  // After the body: Koa sets application/json for an object body, and this replaces it.
  ctx.type = PROBLEM_CONTENT_TYPE;
}
