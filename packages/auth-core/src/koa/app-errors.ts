import type Koa from 'koa';

/**
 * Codes of a request that ended early on the client's side: its connection reset or closed
 * (`ECONNRESET`, `EPIPE`, `ECONNABORTED`, a premature close), Node's HTTP parser meeting the end
 * of a request cut short (`HPE_…`), or a client too slow for the server's request timeout.
 * Nothing on our side is wrong, so no stack trace.
 */
const CLIENT_GONE = /^(ECONNRESET|EPIPE|ECONNABORTED|ERR_STREAM_PREMATURE_CLOSE|ERR_HTTP_REQUEST_TIMEOUT|HPE_)/;

/**
 * The app's `error` listener, in place of Koa's default (which prints every stack). Koa emits
 * there what `errorPages` cannot catch: errors of the connection once the handler is done, most
 * often a client that closed it mid-request or was too slow, which is one line on stderr with no
 * stack. Other
 * errors keep their stack; 404s and errors written for people (`expose`) stay quiet, as in Koa.
 *
 * @example
 * app.on('error', logAppError);
 */
export function logAppError(error: unknown, ctx?: Koa.Context): void {
  const { code, status, expose } = (error ?? {}) as { code?: unknown; status?: unknown; expose?: unknown };
  if (status === 404 || expose === true) return;
  if (typeof code === 'string' && CLIENT_GONE.test(code)) {
    console.warn(`${ctx ? `${ctx.method} ${ctx.path}: ` : ''}the connection ended before the request was complete (${code}).`);
    return;
  }
  console.error(error);
}
