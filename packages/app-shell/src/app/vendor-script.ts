import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Koa from 'koa';

/** Where the page scripts load @simplewebauthn/browser from: this app, never a CDN (CSP `script-src 'self'`). */
export const WEBAUTHN_BROWSER_PATH = '/js/simplewebauthn-browser.js';

/** The browser bundle @simplewebauthn/browser ships (a UMD file that defines `SimpleWebAuthnBrowser`). */
function webauthnBundle(): string {
  const entry = createRequire(import.meta.url).resolve('@simplewebauthn/browser');
  // .../@simplewebauthn/browser/script/index.js → .../@simplewebauthn/browser/dist/bundle/index.umd.min.js
  return path.join(path.dirname(entry), '..', 'dist', 'bundle', 'index.umd.min.js');
}

/**
 * Serves the pinned @simplewebauthn/browser bundle at {@link WEBAUTHN_BROWSER_PATH} from the
 * installed package: the script passkeys need is the app's own file (same origin, cached an
 * hour), so the Content-Security-Policy stays `script-src 'self'`. Other requests pass through.
 *
 * @example
 * securityChain(app, { …, publicFiles: [webauthnBrowserScript(), …] });
 */
export function webauthnBrowserScript(): Koa.Middleware {
  let body: Promise<Buffer> | undefined;
  return async function serveWebauthnBrowser(ctx, next) {
    if (ctx.path !== WEBAUTHN_BROWSER_PATH || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) {
      await next();
      return;
    }
    body ??= readFile(webauthnBundle());
    ctx.type = 'application/javascript; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = await body;
  };
}
