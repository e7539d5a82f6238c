import { STATUS_CODES } from 'node:http';
import type Koa from 'koa';
import { HasherBusyError, SessionStoreUnavailableError } from '@acme/auth-core';
import { PROBLEM_TYPES, sendProblem, type ProblemType, wantsJson } from '@acme/auth-core/koa';

/** Titles and explanations a person understands, and the problem type JSON clients get, per status. */
const PAGES: Record<number, { title: string; text: string; type: ProblemType }> = {
  400: { title: 'That did not work', text: 'The request could not be understood. Go back and try again.', type: PROBLEM_TYPES.badRequest },
  401: { title: 'Please sign in', text: 'Sign in to continue.', type: PROBLEM_TYPES.unauthorized },
  403: { title: 'Not allowed', text: 'You do not have access to this, or the form expired. Reload the page and try again.', type: PROBLEM_TYPES.requestRefused },
  404: { title: 'Page not found', text: 'There is nothing at this address. Check the link, or start from the home page.', type: PROBLEM_TYPES.notFound },
  405: { title: 'Not allowed', text: 'This address does not accept that kind of request.', type: PROBLEM_TYPES.methodNotAllowed },
  413: { title: 'Too much data', text: 'What you sent is larger than this form accepts.', type: PROBLEM_TYPES.contentTooLarge },
  415: { title: 'Unsupported format', text: 'What you sent is in a format or encoding this address does not accept.', type: PROBLEM_TYPES.unsupportedMediaType },
  429: { title: 'Too many attempts', text: 'Please wait a while before trying again.', type: PROBLEM_TYPES.tooManyRequests },
  500: { title: 'Something went wrong', text: 'An unexpected error happened on our side. It has been logged; please try again later.', type: PROBLEM_TYPES.internalError },
  503: { title: 'Temporarily unavailable', text: 'The service is busy or briefly unavailable. Please try again in a moment.', type: PROBLEM_TYPES.serviceUnavailable },
};

/** A type the thrower chose (`ctx.throw(401, msg, { problemType })`, as `loginRequired` does), if it is one of ours. */
function thrownType(error: unknown): ProblemType | undefined {
  const type = (error as { problemType?: unknown }).problemType;
  return (Object.values(PROBLEM_TYPES) as unknown[]).includes(type) ? (type as ProblemType) : undefined;
}

/** A lost or refused database connection (PostgreSQL class 08 and 57P0x codes, socket errors): a 503, not a bug. */
function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(08|57P0[1-3]$|ECONNREFUSED$|ECONNRESET$|ETIMEDOUT$|EPIPE$)/.test(code)) return true;
  return error instanceof Error && /^(Connection terminated|timeout exceeded when trying to connect)/.test(error.message);
}

function statusOf(error: unknown): number {
  if (error instanceof SessionStoreUnavailableError || error instanceof HasherBusyError || isDatabaseUnavailable(error)) return 503;
  const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/**
 * The outermost middleware: turns every error, and every 404, into a friendly page (the app's
 * `error.njk` through `ctx.render`, plain text if that fails) or, for clients that ask for JSON,
 * RFC 9457 problem details (`application/problem+json`, `{ type, title, status, detail }`, a
 * stable `type` per status, or the one the thrower set as `problemType`). A lost database, session store or a full hashing queue is a 503 with `Retry-After`, not a
 * bug. 5xx answers never show internals; 4xx answers show the error's message only when it was
 * written for people (`expose`). Unexpected errors are logged once, to stderr.
 *
 * @example
 * app.use(errorPages()); // first, so it wraps everything
 */
export function errorPages(): Koa.Middleware {
  return async function handleErrors(ctx, next) {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) ctx.throw(404);
    } catch (error) {
      const status = statusOf(error);
      if (status >= 500 && status !== 503) console.error(error);
      const page = PAGES[status] ?? PAGES[status >= 500 ? 500 : 400] ?? { title: 'Error', text: '' };
      const exposed = (error as { expose?: unknown }).expose === true && status < 500 ? (error as Error).message : undefined;
      const message = exposed && exposed !== ctx.message ? exposed : page.text;
      ctx.status = status;
      if (status === 503 || status === 429) {
        const retry = (error as { retryAfterSeconds?: unknown; headers?: Record<string, string> }).retryAfterSeconds;
        ctx.set('Retry-After', typeof retry === 'number' ? String(retry) : (ctx.response.get('Retry-After') || '5'));
      }
      if (wantsJson(ctx)) {
        // A status without its own type is `about:blank`, whose title is the status phrase (RFC 9457 §4.2.1).
        const own = PAGES[status];
        const type = (status < 500 ? thrownType(error) : undefined) ?? own?.type ?? 'about:blank';
        return sendProblem(ctx, { type, title: own ? own.title : (STATUS_CODES[status] ?? page.title), status, detail: message });
      }
      try {
        ctx.render('error.njk', { status, title: page.title, message });
      } catch {
        ctx.type = 'text/plain; charset=utf-8';
        ctx.body = `${page.title}\n\n${message}\n`;
      }
    }
  };
}
