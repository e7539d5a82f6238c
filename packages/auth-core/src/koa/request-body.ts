import type { IncomingMessage } from 'node:http';
import { bodyParser } from '@koa/bodyparser';
import type Koa from 'koa';

/** Options of {@link requestBody}. */
export interface RequestBodyOptions {
  /** Largest form or JSON body, after decompression (bytes-style string such as `'16kb'`). */
  limit: string;
}

/** The methods whose bodies are parsed (`@koa/bodyparser`'s default); others keep no body. */
const PARSED_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

/**
 * zlib's codes for a body that is not what its Content-Encoding says: `Z_DATA_ERROR` (not gzip
 * or deflate), `Z_BUF_ERROR` (cut short), `Z_NEED_DICT`, and brotli's `ERR__ERROR_FORMAT_…`
 * family. They reach us without a status, so untouched they would be a 500 and a stack trace.
 */
function isBadEncoding(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(Z_DATA_ERROR|Z_BUF_ERROR|Z_NEED_DICT|ERR__ERROR_)/.test(code);
}

/**
 * Rejects when the client goes away before the whole body arrived. raw-body notices that on its
 * own for a plain body, but with a Content-Encoding it reads the decompressor that `inflation`
 * pipes the request into, and a pipe does not pass the request's end on: that read would wait
 * forever, keeping the request's context alive.
 */
function whenAborted(req: IncomingMessage): { aborted: Promise<never>; stop: () => void } {
  let onClose = (): void => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onClose = () => {
      // Shaped like raw-body's error for an abandoned plain body, so both are handled alike.
      if (!req.complete) reject(Object.assign(new Error('request aborted'), { status: 400, expose: false, code: 'ECONNABORTED', type: 'request.aborted' }));
    };
    req.once('close', onClose);
  });
  aborted.catch(() => undefined);
  return { aborted, stop: () => req.removeListener('close', onClose) };
}

/**
 * Parses form and JSON bodies of POST, PUT and PATCH requests with `@koa/bodyparser` (UTF-8, at
 * most `limit` after decompression), so that nothing a client sends is a 500: a body that is not what its
 * `Content-Encoding` says is a 400, an unknown Content-Encoding a 415 (from `inflation`), too
 * large a 413, a request the client abandoned mid-body a 400 that settles at once. Errors from
 * later middleware pass through unchanged.
 *
 * @example
 * app.use(requestBody({ limit: '16kb' }));
 */
export function requestBody(options: RequestBodyOptions): Koa.Middleware {
  const parse = bodyParser({ enableTypes: ['form', 'json'], formLimit: options.limit, jsonLimit: options.limit, encoding: 'utf-8', parsedMethods: [...PARSED_METHODS] });
  return async function body(ctx, next) {
    // The parser would pass these on untouched: skip the abort watch it would need (a listener
    // and a promise race on every GET, a few per cent of a page's server time in `pnpm bench`).
    if (!PARSED_METHODS.has(ctx.method)) {
      await next();
      return;
    }
    let parsed = false;
    const { aborted, stop } = whenAborted(ctx.req);
    try {
      await Promise.race([
        parse(ctx, () => {
          parsed = true;
          return Promise.resolve();
        }),
        aborted,
      ]);
    } catch (error) {
      if (isBadEncoding(error)) ctx.throw(400, 'The request body does not match its Content-Encoding.', { cause: error });
      throw error;
    } finally {
      stop();
    }
    // The parser answers some requests itself (one already closed: 499) without calling next.
    if (parsed) await next();
  };
}
