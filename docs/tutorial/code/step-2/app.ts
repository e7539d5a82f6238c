import { randomBytes } from 'node:crypto';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import { hashPassword, MemoryStore, verifyPassword } from '@acme/auth-core';
import { createSession, formFields, loadUser, login, logout } from '@acme/auth-core/koa';
import Koa from 'koa';
import { authForm } from '../shared/html.js';
import { Users } from '../shared/users.js';

/**
 * Step 2: server-side sessions. The cookie holds a random id; the data lives in a store, so a
 * session can be ended on the server. Log in, see the dashboard, log out with a POST.
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

  router.get('/login', (ctx) => {
    ctx.body = authForm('/login');
  });

  // #region login
  router.post('/login', async (ctx) => {
    const { username, password } = formFields(ctx, ['username', 'password']);
    const user = users.findByUsername(username);
    const { ok } = await verifyPassword(user?.passwordHash, password);
    if (!user || !ok) {
      ctx.status = 400;
      ctx.body = authForm('/login', { error: 'Incorrect username or password.' });
      return;
    }
    await login(ctx, user); // session['user_id'] = user.id, on a new session id
    ctx.redirect('/dashboard');
  });

  router.post('/logout', (ctx) => {
    logout(ctx); // destroys the record on the server, not just the cookie
    ctx.redirect('/');
  });
  // #endregion login

  router.get('/dashboard', async (ctx) => {
    const user = ctx.state.user && (await users.findById(ctx.state.user.id));
    if (!user) return ctx.redirect('/login'); // step 3 replaces this with loginRequired()
    ctx.body = `Hello, ${user.username}.`;
  });

  // #region wiring
  const app = new Koa();
  app.use(bodyParser({ enableTypes: ['form'], formLimit: '16kb' }));
  // In a real app the keys come from SESSION_KEYS and the store is SQLite or Redis.
  app.use(createSession(app, { store: new MemoryStore(), keys: [randomBytes(32).toString('base64url')] }));
  app.use(loadUser({ findUser: (id) => users.findById(id) }));
  // #endregion wiring
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
