import http from 'node:http';
import type Koa from 'koa';

/**
 * How long a client has to send a whole request (headers and body), in ms. Node's default is
 * 300 s, which lets a client that trickles a body hold a connection for five minutes; the app's
 * bodies are forms of at most 16 kB, which take well under a second even on a poor link.
 */
export const REQUEST_TIMEOUT_MS = 10_000;

/** How long a client has to send the request's headers, in ms (Node's default: 60 s). */
export const HEADERS_TIMEOUT_MS = 10_000;

/**
 * How often Node looks for requests past those limits, in ms (its default, 30 s, would let a
 * slow request live up to 40 s instead of 10).
 */
export const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/** Options of {@link createHttpServer}; the defaults are the constants above (tests pass smaller ones). */
export interface HttpServerOptions {
  /** Whole request, in ms. Default {@link REQUEST_TIMEOUT_MS}. */
  requestTimeoutMs?: number | undefined;
  /** Headers, in ms (at most `requestTimeoutMs`). Default {@link HEADERS_TIMEOUT_MS}. */
  headersTimeoutMs?: number | undefined;
  /** How often the limits are checked, in ms. Default {@link TIMEOUT_CHECK_INTERVAL_MS}. */
  checkIntervalMs?: number | undefined;
}

/**
 * The plain-HTTP server an app listens with: Node's server around the Koa app, with request and
 * header timeouts of seconds rather than minutes, so a client that sends a request slowly is
 * answered 408 and cut off instead of holding a connection (slowloris). Not yet listening.
 *
 * @example
 * const server = createHttpServer(web.app);
 * server.listen(config.port);
 */
export function createHttpServer(app: Pick<Koa, 'callback'>, options: HttpServerOptions = {}): http.Server {
  const handle = app.callback();
  return http.createServer(
    {
      requestTimeout: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      headersTimeout: options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS,
      connectionsCheckingInterval: options.checkIntervalMs ?? TIMEOUT_CHECK_INTERVAL_MS,
    },
    // Koa's handler settles every request itself (errors go to ctx.onerror), as in `app.listen`.
    (req, res) => void handle(req, res),
  );
}
