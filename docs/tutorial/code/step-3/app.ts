import { randomBytes } from 'node:crypto';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import { hashPassword, MemoryStore, safeNext, verifyPassword } from '@acme/auth-core';
import { createSession, formFields, loadUser, login, loginRequired, logout } from '@acme/auth-core/koa';
import Koa from 'koa';
import { authForm } from '../shared/html.js';
import { Users } from '../shared/users.js';

/**
 * Step 3: `loginRequired()` guards protected routes and sends visitors to `/login?next=…`; after
 * login, `safeNext` redirects back only to a path on this site.
 *
 * @example
 * const app = createApp();
 * app.listen(3000);
 */
export function createApp(users = new Users()): Koa {
  const router = new Router();

  router.post('/register', async (ctx) => {
    const { username, password } = formFields(ctx, ['username', 'password']);
    if (username === '' || password === '') ctx.throw(400, 'Username and password are required.');
    if (users.findByUsername(username)) ctx.throw(400, 'That username is taken.');
    await login(ctx, users.create(username, await hashPassword(password)));
    ctx.redirect('/dashboard');
  });

  // #region login
  router.get('/login', (ctx) => {
    // Reflected as typed (escaped into a hidden field); validated by safeNext when it is used.
    const next = typeof ctx.query.next === 'string' ? ctx.query.next.slice(0, 2048) : '';
    ctx.body = authForm('/login', { next });
  });

  router.post('/login', async (ctx) => {
    const { username, password, next } = formFields(ctx, ['username', 'password', 'next']);
    const user = users.findByUsername(username);
    const { ok } = await verifyPassword(user?.passwordHash, password);
    if (!user || !ok) {
      ctx.status = 400;
      ctx.body = authForm('/login', { error: 'Incorrect username or password.', next: safeNext(next, '') });
      return;
    }
    await login(ctx, user);
    ctx.redirect(safeNext(next)); // '/reports?year=2026' stays; 'https://evil.example' → '/dashboard'
  });
  // #endregion login

  router.post('/logout', (ctx) => {
    logout(ctx);
    ctx.redirect('/');
  });

  // #region protected
  router.get('/dashboard', loginRequired(), (ctx) => {
    ctx.body = 'Your dashboard.';
  });
  router.get('/reports', loginRequired(), (ctx) => {
    ctx.body = 'Your reports.';
  });
  // #endregion protected

  const app = new Koa();
  app.use(bodyParser({ enableTypes: ['form'], formLimit: '16kb' }));
  app.use(createSession(app, { store: new MemoryStore(), keys: [randomBytes(32).toString('base64url')] }));
  app.use(loadUser({ findUser: (id) => users.findById(id) }));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
