/**
 * A small Koa app wired the way DESIGN.md describes, for HTTP-level tests of auth-core itself.
 * (The demo app has the full version; this one keeps only what the tests need.)
 */
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import type { Redis } from 'ioredis';
import {
  createPasswordHasher,
  HasherBusyError,
  MemoryStore,
  testOnlyScryptParams,
  verifyLogin,
  type SessionStore,
} from '../../src/index.js';
import {
  createLoginThrottle,
  createSecurityLog,
  createSession,
  csrfProtection,
  csrfToken,
  loadUser,
  login,
  loginRequired,
  logout,
  noStore,
  safeNext,
  securityHeaders,
  SessionStoreUnavailableError,
  type SecurityRecord,
} from '../../src/koa/index.js';
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
  redis?: Redis;
  throttlePrefix?: string;
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
  const throttle = createLoginThrottle({ redis: options.redis, prefix: options.throttlePrefix });

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
  app.use(securityHeaders());
  app.use(bodyParser({ enableTypes: ['form', 'json'], formLimit: '16kb', jsonLimit: '16kb' }));
  app.use(createSession(app, { store, keys: options.keys ?? KEYS, secure: options.secure ?? true, now: clock.now }));
  app.use(csrfProtection({ allowedOrigins: [ORIGIN], keys: options.keys ?? KEYS, secure: options.secure ?? true }));
  app.use(loadUser({ findUser: (id) => Promise.resolve(byId(id)) }));
  app.use(noStore());

  const router = new Router();
  const page = (ctx: Koa.Context, body: string) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = `<!doctype html><title>t</title>${body}`;
  };
  const form = (ctx: Koa.Context): Record<string, unknown> => {
    const body: unknown = (ctx.request as { body?: unknown }).body;
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  };
  router.get('/', (ctx) => page(ctx, 'home'));
  router.get('/login', (ctx) => page(ctx, `<form method="post" action="/login"><input name="_csrf" value="${csrfToken(ctx)}"></form>`));
  router.get('/csrf', (ctx) => {
    ctx.body = { token: csrfToken(ctx) };
  });
  router.post('/login', async (ctx) => {
    const { username, password, next } = form(ctx);
    if (typeof username !== 'string' || typeof password !== 'string') {
      ctx.throw(400, 'Enter a username and a password.');
      return;
    }
    const attempt = await throttle.attempt(username, ctx.ip);
    if (!attempt.allowed) {
      securityLog({ type: 'login.throttled', username, ip: ctx.ip, outcome: 'failure', reason: 'throttled' });
      ctx.set('Retry-After', String(attempt.retryAfterSeconds));
      return ctx.throw(429, 'Too many attempts.');
    }
    const user = users.get(username.toLowerCase());
    const { ok } = await verifyLogin({ hasher, user, password });
    if (!ok || !user) {
      securityLog({ type: 'login.failed', username, ip: ctx.ip, outcome: 'failure', reason: 'bad_credentials' });
      ctx.status = 400;
      page(ctx, `<p>Incorrect username or password.</p><input name="_csrf" value="${csrfToken(ctx)}">`);
      return;
    }
    await attempt.succeeded();
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
