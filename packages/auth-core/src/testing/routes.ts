import type { Server } from 'node:http';
import type Koa from 'koa';
import { GUARD_REFUSALS } from '../koa/login-required.js';
import { routeKey, samplePath, type SampledLayer } from './route-samples.js';
import { TEST_ORIGIN, tokenIn } from './page-token.js';

/** The parts of a @koa/router layer the walker reads. */
export interface RouteLayer extends SampledLayer {
  /** The HTTP methods it answers (none for `router.use` middleware, which the walker skips). */
  methods: string[];
}

/** A route that did not refuse an anonymous request with the guard's answer. */
export interface UnprotectedRoute {
  /** The method sent. */
  method: string;
  /** The path requested (a sample: parameters filled with `x`, or one generated from or declared for a RegExp). */
  path: string;
  /** The status it answered with. */
  status: number;
  /** Its Location header, if any. */
  location: string | null;
}

/** Options of {@link findUnprotectedRoutes}. */
export interface RouteWalkOptions {
  /** Paths anyone may reach (the explicit public allow-list): a route's pattern as written, or its sample path. */
  publicPaths: readonly string[];
  /** Where anonymous page requests must be sent, and whose form gives the CSRF token. Default `/login`. */
  loginPath?: string;
  /** The app's own origin, sent as `Origin` on writes. Default {@link TEST_ORIGIN} (what `testAppConfig` configures). */
  origin?: string;
  /** Concrete paths for routes the walker cannot sample itself, keyed by the pattern as written (`String(regexp)` for a RegExp). */
  samples?: Readonly<Record<string, string>>;
  /** Extra headers for every request (e.g. `X-Forwarded-Proto: https` behind a trusted proxy). */
  headers?: Record<string, string>;
}

/** What an anonymous browser holds after loading the login page: its cookies and the form's token. */
interface AnonymousForm {
  cookie: string;
  token: string;
}

/** The `name=value` pairs a response sets, without the ones it deletes. */
function cookiesSet(res: Response): string[] {
  return res.headers
    .getSetCookie()
    .filter((line) => !/;\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(line))
    .map((line) => line.split(';', 1)[0] ?? '')
    .filter((pair) => /^[^=]+=./.test(pair));
}

/**
 * Loads the login page as a new anonymous browser would and keeps whatever cookies it sets (a
 * session, or a double-submit `csrf` cookie) with the form's `_csrf` token, so the walker's writes
 * pass the CSRF check and reach the route's guard.
 */
async function anonymousForm(base: string, loginPath: string, headers: Headers): Promise<AnonymousForm> {
  const res = await fetch(`${base}${loginPath}`, { redirect: 'manual', headers });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`findUnprotectedRoutes: GET ${loginPath} answered ${String(res.status)}; it needs the login page's form for a CSRF token (set loginPath).`);
  return { cookie: cookiesSet(res).join('; '), token: tokenIn(html) };
}

/** True when a write was refused by `loginRequired` itself: its problem `type`, not a CSRF 403 or a handler's own answer. */
async function refusedByGuard(res: Response): Promise<boolean> {
  if (res.status !== 401 && res.status !== 403) return false;
  const body: unknown = await res.json().catch(() => undefined);
  const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
  return res.status === 401 ? type === GUARD_REFUSALS.anonymous : type === GUARD_REFUSALS.forbidden;
}

/** Every route to visit with its sample path; throws, naming them, when some routes cannot be sampled. */
function routesToVisit(stack: readonly RouteLayer[], options: RouteWalkOptions): { layer: RouteLayer; path: string }[] {
  const visits: { layer: RouteLayer; path: string }[] = [];
  const unsampled: string[] = [];
  for (const layer of stack) {
    if (layer.methods.length === 0 || options.publicPaths.includes(routeKey(layer.path))) continue;
    const path = samplePath(layer, options.samples ?? {});
    if (path === undefined) unsampled.push(`${layer.methods.join(',')} ${routeKey(layer.path)}`);
    else if (!options.publicPaths.includes(path)) visits.push({ layer, path });
  }
  if (unsampled.length > 0) {
    throw new Error(
      `findUnprotectedRoutes cannot make a path that reaches: ${unsampled.join('; ')}. ` +
        'Give one in `samples` (keyed by the route as written, String(regexp) for a RegExp); routes are never skipped.',
    );
  }
  return visits;
}

/**
 * Walks a @koa/router's `stack` and sends an anonymous request to every route not on the public
 * allow-list, as a browser would: a GET must redirect to `loginPath?next=<path>` (or, on a
 * `loginRequired({ json: true })` route, get the guard's JSON refusal); any other method
 * is sent with a valid CSRF token (the login page's `_csrf` field and the cookies that page set,
 * a same-origin `Origin`) and `Accept: application/json`, and must be refused by `loginRequired`
 * itself (its 401 problem of type `GUARD_REFUSALS.anonymous`, or a 403 `GUARD_REFUSALS.forbidden`). A CSRF 403 does not count: it
 * would hide a write route nobody guarded. Parameterized and RegExp routes are visited on a sample
 * path (see `samples`); a route it cannot sample makes it throw. Returns the routes that were not
 * refused; an empty list proves complete mediation (ASVS 8.2.1, SEC-SESS-10).
 *
 * @example
 * expect(await findUnprotectedRoutes(app, router, { publicPaths: ['/', '/login', '/register', '/logout', '/healthz'] })).toEqual([]);
 */
export async function findUnprotectedRoutes(app: Koa, router: { stack: readonly RouteLayer[] }, options: RouteWalkOptions): Promise<UnprotectedRoute[]> {
  const loginPath = options.loginPath ?? '/login';
  const visits = routesToVisit(router.stack, options);
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const address = server.address();
  const base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  const failures: UnprotectedRoute[] = [];
  try {
    for (const { layer, path } of visits) {
      for (const method of layer.methods.filter((m) => m !== 'HEAD')) {
        const headers = new Headers(options.headers);
        let body: URLSearchParams | undefined;
        if (method !== 'GET') {
          // A new anonymous browser for each write, so one route's answer cannot spoil the next one's token.
          const form = await anonymousForm(base, loginPath, new Headers(options.headers));
          if (form.cookie !== '') headers.set('Cookie', form.cookie);
          if (!headers.has('origin')) headers.set('Origin', options.origin ?? TEST_ORIGIN);
          headers.set('Sec-Fetch-Site', 'same-origin');
          headers.set('Accept', 'application/json');
          // In the header too: the body parser reads no body for DELETE (scripts send the header).
          headers.set('X-CSRF-Token', form.token);
          body = new URLSearchParams({ _csrf: form.token });
        }
        const res = await fetch(`${base}${path}`, { method, redirect: 'manual', headers, body });
        const location = res.headers.get('location');
        // A GET is sent as a browser would: a page route redirects it, a `loginRequired({ json: true })` route refuses it as JSON.
        const redirected = method === 'GET' && res.status === 302 && location === `${loginPath}?next=${encodeURIComponent(path)}`;
        const ok = redirected || (await refusedByGuard(res));
        if (!ok) failures.push({ method, path, status: res.status, location });
        if (!res.bodyUsed) await res.body?.cancel();
      }
    }
  } finally {
    server.close();
  }
  return failures;
}
