import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type Koa from 'koa';
import serve from 'koa-static';

/** Options of {@link publicFiles}: koa-static's, of which the flow sets `maxage`. */
export type PublicFilesOptions = serve.Options;

/** Lists a folder's entries, or none when it does not exist. */
function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT' || (error as { code?: unknown }).code === 'ENOTDIR') return [];
    throw error;
  }
}

/**
 * The URL paths koa-static would answer for `root`: every file whose path has no segment starting
 * with a dot (koa-send refuses hidden files), and each folder that holds the index file, as
 * `/folder` and `/folder/`.
 */
function servablePaths(root: string, index: string | false): Set<string> {
  const paths = new Set<string>();
  const walk = (dir: string, url: string): void => {
    for (const entry of entries(dir)) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${url}${entry.name}/`);
      else if (entry.isFile()) {
        paths.add(`${url}${entry.name}`);
        if (entry.name === index) {
          paths.add(url);
          if (url !== '/') paths.add(url.slice(0, -1));
        }
      }
    }
  };
  walk(root, '/');
  return paths;
}

/**
 * koa-static for `root`, asked only about the files that were there at start. Mounted as is,
 * koa-static runs before routing and stat()s the disk on every GET and HEAD (through libuv's
 * threadpool), so every page, redirect and API answer paid a filesystem round trip per static
 * folder: about a fifth of a signed-in page's server time in `pnpm bench`. Public files ship
 * with the app, so they are listed once; a file added while the server runs is served after a
 * restart. What is served, and how (path checks, hidden files, caching headers, precompressed
 * variants), is still koa-static's and koa-send's own. A path that does not decode goes to
 * koa-static too, which answers it as before (400).
 *
 * @example
 * app.use(publicFiles(path.join(appRoot, 'public'), { maxage: 3_600_000 }));
 */
export function publicFiles(root: string, options: PublicFilesOptions = {}): Koa.Middleware {
  const files = servablePaths(path.resolve(root), options.index === false ? false : (options.index ?? 'index.html'));
  if (files.size === 0) {
    return async function noPublicFiles(_ctx, next) {
      await next();
    };
  }
  const serveFile: Koa.Middleware = serve(root, options);
  return async function servePublicFile(ctx, next) {
    if (ctx.method === 'GET' || ctx.method === 'HEAD') {
      let decoded: string | undefined;
      try {
        decoded = decodeURIComponent(ctx.path);
      } catch {
        decoded = undefined;
      }
      if (decoded === undefined || files.has(decoded)) {
        await serveFile(ctx, next);
        return;
      }
    }
    await next();
  };
}
