import type Koa from 'koa';
import helmet from 'koa-helmet';

/** Options of {@link securityHeaders}. */
export interface SecurityHeadersOptions {
  /** Add `upgrade-insecure-requests` to the CSP (production behind HTTPS). Default false. */
  upgradeInsecureRequests?: boolean;
}

/**
 * Security headers through helmet (koa-helmet), with the overrides SECURITY.md demands: a CSP of
 * `default-src 'self'`, `object-src 'none'`, `base-uri 'none'`, `frame-ancestors 'none'`,
 * `form-action 'self'` and no inline scripts or styles (helmet's defaults allow `base-uri 'self'`
 * and `frame-ancestors 'self'`), HSTS for a year with subdomains, `Referrer-Policy:
 * strict-origin-when-cross-origin`,
 * COOP and CORP `same-origin`, `X-Content-Type-Options: nosniff`. Put it right after the error
 * handler so error pages get the headers too.
 *
 * @example
 * app.use(errorHandler);
 * app.use(securityHeaders());
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): Koa.Middleware {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        ...(options.upgradeInsecureRequests === true ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    // Not `no-referrer`: under it Chromium sends `Origin: null` on same-origin form posts, which
    // the CSRF origin check must refuse. This policy sends only the origin, and nothing cross-origin over http.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  }) as Koa.Middleware;
}

/**
 * Sets `Cache-Control: no-store` on every response that passes through, so signed-in pages and
 * login forms are never kept by the browser or a shared cache. Mount it after static files.
 *
 * @example
 * app.use(serveStatic);
 * app.use(noStore());
 */
export function noStore(): Koa.Middleware {
  return async function noStoreHeader(ctx, next) {
    ctx.set('Cache-Control', 'no-store');
    await next();
  };
}
