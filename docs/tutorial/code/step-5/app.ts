import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import { createLoginThrottle, createPasswordHasher, MemoryStore, safeNext, verifyLogin, type PasswordHasher } from '@acme/auth-core';
import { csrfToken, formFields, login, loginRequired, logout, securityChain } from '@acme/auth-core/koa';
import Koa from 'koa';
import { authForm, escapeHtml } from '../shared/html.js';
import { Users } from '../shared/users.js';

/** What step 5's app can be given; tests pass a fast, test-only hasher. */
export interface Step5Options {
  users?: Users;
  origin?: string;
  hasher?: PasswordHasher;
}

/**
 * Step 5: login attempts are throttled per username+IP, per IP and per account, and an unknown
 * username costs the same scrypt work as a wrong password, so neither the message nor the timing
 * tells which usernames exist.
 *
 * @example
 * const app = createApp();
 * app.listen(3000);
 */
export function createApp(options: Step5Options = {}): Koa {
  const { users = new Users(), origin = 'http://localhost:3000', hasher = createPasswordHasher() } = options;
  const throttle = createLoginThrottle(); // in memory; pass { redis } to share counters between instances
  const router = new Router();

  router.get('/register', (ctx) => {
    ctx.body = authForm('/register', { csrf: csrfToken(ctx) });
  });

  router.post('/register', async (ctx) => {
    const { username, password } = formFields(ctx, ['username', 'password']);
    if (username === '' || password === '') ctx.throw(400, 'Username and password are required.');
    if (users.findByUsername(username)) ctx.throw(400, 'That username is taken.');
    await login(ctx, users.create(username, await hasher.hash(password)));
    ctx.redirect('/dashboard');
  });

  router.get('/login', (ctx) => {
    const next = typeof ctx.query.next === 'string' ? ctx.query.next.slice(0, 2048) : '';
    ctx.body = authForm('/login', { next, csrf: csrfToken(ctx) });
  });

  // #region login
  router.post('/login', async (ctx) => {
    const { username, password, next } = formFields(ctx, ['username', 'password', 'next']);
    // Counted before the hash, in one atomic step: parallel guesses cannot get past the limit.
    const attempt = await throttle.attempt(username, ctx.ip);
    if (!attempt.allowed) {
      ctx.status = 429;
      ctx.set('Retry-After', String(attempt.retryAfterSeconds));
      ctx.body = 'Too many sign-in attempts. Please wait and try again.';
      return;
    }
    const user = users.findByUsername(username);
    const { ok } = await verifyLogin({ hasher, user, password }); // one real scrypt run either way
    if (!ok || !user) {
      ctx.status = 400; // already counted: a failure needs nothing more
      ctx.body = authForm('/login', { error: 'Incorrect username or password.', next: safeNext(next, ''), csrf: csrfToken(ctx) });
      return;
    }
    await attempt.succeeded(); // not a failure after all: the throttle takes the attempt back
    await login(ctx, user);
    ctx.redirect(safeNext(next));
  });
  // #endregion login

  router.get('/dashboard', loginRequired(), async (ctx) => {
    const user = ctx.state.user && (await users.findById(ctx.state.user.id));
    ctx.body = `<p>Hello, ${escapeHtml(user?.username ?? '')}.</p>
<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${escapeHtml(csrfToken(ctx))}"><button>Log out</button></form>`;
  });

  router.post('/logout', (ctx) => {
    logout(ctx);
    ctx.redirect('/');
  });

  const app = new Koa();
  const keys = [randomBytes(32).toString('base64url')]; // signs the session cookie and, through HKDF, anonymous form tokens
  const secure = process.env.NODE_ENV === 'production'; // HTTPS only: __Host-sid and __Host-csrf
  // #region chain
  // Steps 2–4 wired these one by one; auth-core's securityChain is the same pieces in the one
  // order every app uses: security headers → no-store → body (16 kB) → session → CSRF → load user.
  app.use(securityChain(app, { keys, store: new MemoryStore(), secure, appOrigin: origin, findUser: (id) => users.findById(id) }));
  // #endregion chain
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
