/**
 * A small Koa app on auth-core's exported security chain, for HTTP-level tests of auth-core itself.
 * Its routes are tiny compositions of the library (`verifyLogin`, `login`, `logout`, `safeNext`);
 * the shipped sign-in handler, with throttling and its security events, is tested in
 * `@acme/app-shell`, which drives the real `authRoutes`.
 */
import Router from '@koa/router';
import Koa from 'koa';
import {
  createPasswordHasher,
  createSecurityLog,
  HasherBusyError,
  MemoryStore,
  safeNext,
  SessionStoreUnavailableError,
  testOnlyScryptParams,
  verifyLogin,
  type SecurityRecord,
  type SessionStore,
} from '../../src/index.js';
import { csrfToken, formFields, login, loginRequired, logout, securityChain } from '../../src/koa/index.js';
import { createFakeClock } from '../../src/testing/index.js';

export const ORIGIN = 'https://app.test';
export const PASSWORD = 'correct horse battery staple';
/** Two keys as `openssl rand -base64 32` prints them (production refuses patterned keys). */
export const KEYS = ['GV5Wt/0hvNLw/lVpzzs9S4pKa7iySEW1+FiHEZfuVJA=', 'NS9DkKlPTG2xFSFBqC89HqwoytlNCn6AdMGcbQxClcs='];

export interface TestUser {
  id: string;
  username: string;
  passwordHash: string;
  authEpoch: number;
  disabled?: boolean;
}

export interface FixtureOptions {
  store?: SessionStore;
  proxy?: boolean;
  maxIpsCount?: number;
  keys?: string[];
  /** Secure cookies (default true; false serves plain-http tests without a proxy). */
  secure?: boolean;
}

const hasher = createPasswordHasher({ params: testOnlyScryptParams({ logN: 8 }) });
const aliceHash = await hasher.hash(PASSWORD);

export function createFixture(options: FixtureOptions = {}) {
  const clock = createFakeClock(Date.now());
  const store = options.store ?? new MemoryStore({ now: clock.now, sweepIntervalMs: 0 });
  const users = new Map<string, TestUser>([['alice', { id: 'u-alice', username: 'alice', passwordHash: aliceHash, authEpoch: 1 }]]);
  const byId = (id: string) => [...users.values()].find((u) => u.id === id);
  const records: SecurityRecord[] = [];
  const securityLog = createSecurityLog({ sink: (r) => records.push(r), now: clock.now });

  const app = new Koa({ proxy: options.proxy ?? true, maxIpsCount: options.maxIpsCount ?? 0 });
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const status = error instanceof SessionStoreUnavailableError || error instanceof HasherBusyError ? 503 : (error as { status?: number }).status ?? 500;
      if (status === 503) ctx.set('Retry-After', '5');
      ctx.status = status;
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = status >= 500 ? '<h1>Something went wrong</h1>' : `<h1>${String(status)}</h1>`;
    }
  });
  const keys = options.keys ?? KEYS;
  app.use(securityChain(app, { keys, store, secure: options.secure ?? true, appOrigin: ORIGIN, now: clock.now, findUser: (id) => Promise.resolve(byId(id)) }));

  const router = new Router();
  const page = (ctx: Koa.Context, body: string) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = `<!doctype html><title>t</title>${body}`;
  };
  router.get('/', (ctx) => page(ctx, 'home'));
  router.get('/login', (ctx) => page(ctx, `<form method="post" action="/login"><input name="_csrf" value="${csrfToken(ctx)}"></form>`));
  router.get('/csrf', (ctx) => {
    ctx.body = { token: csrfToken(ctx) };
  });
  // Signs in with the library's pieces only: one verifyLogin, then login() and safeNext().
  router.post('/login', async (ctx) => {
    const { username, password } = formFields(ctx, ['username', 'password']);
    // `next` goes to safeNext as it came (arrays, huge values, CR/LF): that is what the redirect tests prove.
    const body: unknown = (ctx.request as { body?: unknown }).body;
    const next = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).next : undefined;
    const user = users.get(username.toLowerCase());
    const { ok } = await verifyLogin({ hasher, user, password });
    if (!ok || !user) {
      ctx.status = 400;
      page(ctx, `<p>Incorrect username or password.</p><input name="_csrf" value="${csrfToken(ctx)}">`);
      return;
    }
    await login(ctx, user);
    securityLog({ type: 'login.succeeded', username, userId: user.id, ip: ctx.ip, outcome: 'success' });
    ctx.redirect(safeNext(next));
  });
  router.post('/logout', (ctx) => {
    const userId = ctx.state.user?.id;
    logout(ctx);
    securityLog({ type: 'logout', userId, ip: ctx.ip, outcome: 'success' });
    ctx.redirect('/');
  });
  router.get('/dashboard', loginRequired(), (ctx) => {
    page(ctx, `dashboard ${csrfToken(ctx)} <form method="post" action="/logout"><input type="hidden" name="_csrf" value="${csrfToken(ctx)}"></form>`);
  });
  router.post('/marker', (ctx) => {
    if (ctx.session) ctx.session.foo = 'pre-login marker';
    ctx.body = { ok: true };
  });
  router.get('/session-data', (ctx) => {
    ctx.body = ctx.session?.toJSON() ?? null;
  });
  router.get('/boom', () => {
    throw new Error('SELECT secret FROM internals at /srv/app.js:1');
  });
  app.use(router.routes()).use(router.allowedMethods());
  return { app, router, store, users, clock, records, hasher };
}

/** Default headers of a same-origin HTTPS browser request through the proxy. */
export const HTTPS = { 'X-Forwarded-Proto': 'https', Origin: ORIGIN } as const;
