import type { Server } from 'node:http';
import type Koa from 'koa';

/** The parts of a @koa/router layer the walker reads. */
export interface RouteLayer {
  /** The route's path pattern. */
  path: string | RegExp;
  /** The HTTP methods it answers. */
  methods: string[];
}

/** A route that did not refuse an anonymous request. */
export interface UnprotectedRoute {
  /** The method sent. */
  method: string;
  /** The path requested (parameters filled with `x`). */
  path: string;
  /** The status it answered with. */
  status: number;
  /** Its Location header, if any. */
  location: string | null;
}

/** Options of {@link findUnprotectedRoutes}. */
export interface RouteWalkOptions {
  /** Paths anyone may reach (the explicit public allow-list). */
  publicPaths: readonly string[];
  /** Where anonymous page requests must be sent. Default `/login`. */
  loginPath?: string;
  /** Extra headers for every request (e.g. `X-Forwarded-Proto: https` behind a trusted proxy). */
  headers?: Record<string, string>;
}

/**
 * Walks a @koa/router's `stack` and sends an anonymous request to every route not on the public
 * allow-list: a GET must redirect to `loginPath?next=<path>`, any other method must answer 401 or
 * 403 (a CSRF 403 counts: the request was refused). Returns the routes that did not; an empty list
 * proves complete mediation (ASVS 8.2.1, SEC-SESS-10).
 *
 * @example
 * expect(await findUnprotectedRoutes(app, router, { publicPaths: ['/', '/login', '/register', '/healthz'] })).toEqual([]);
 */
export async function findUnprotectedRoutes(app: Koa, router: { stack: readonly RouteLayer[] }, options: RouteWalkOptions): Promise<UnprotectedRoute[]> {
  const loginPath = options.loginPath ?? '/login';
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const address = server.address();
  const base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  const failures: UnprotectedRoute[] = [];
  try {
    for (const layer of router.stack) {
      if (typeof layer.path !== 'string' || options.publicPaths.includes(layer.path)) continue;
      const path = layer.path.replace(/:(\w+)/g, 'x');
      for (const method of layer.methods.filter((m) => m !== 'HEAD')) {
        const res = await fetch(`${base}${path}`, { method, redirect: 'manual', headers: options.headers ?? {} });
        const location = res.headers.get('location');
        const ok =
          method === 'GET'
            ? res.status === 302 && location === `${loginPath}?next=${encodeURIComponent(path)}`
            : res.status === 401 || res.status === 403;
        if (!ok) failures.push({ method, path, status: res.status, location });
      }
    }
  } finally {
    server.close();
  }
  return failures;
}
