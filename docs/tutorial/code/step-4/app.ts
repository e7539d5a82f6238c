import { randomBytes } from 'node:crypto';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import { hashPassword, MemoryStore, safeNext, verifyPassword } from '@acme/auth-core';
import { createSession, csrfProtection, csrfToken, formFields, loadUser, login, loginRequired, logout } from '@acme/auth-core/koa';
import Koa from 'koa';
import { authForm, escapeHtml } from '../shared/html.js';
import { Users } from '../shared/users.js';

/**
 * Step 4: every form carries a CSRF token and every POST must send it back from this origin;
 * logout is a POST form, so another site can no longer sign you out (or in, or anything else).
 *
 * @example
 * const app = createApp(new Users(), 'http://localhost:3000');
 * app.listen(3000);
 */
export function createApp(users = new Users(), origin = 'http://localhost:3000'): Koa {
  const router = new Router();

  router.get('/register', (ctx) => {
    ctx.body = authForm('/register', { csrf: csrfToken(ctx) });
  });

  router.post('/register', async (ctx) => {
    const { username, password } = formFields(ctx, ['username', 'password']);
    if (username === '' || password === '') ctx.throw(400, 'Username and password are required.');
    if (users.findByUsername(username)) ctx.throw(400, 'That username is taken.');
    await login(ctx, users.create(username, await hashPassword(password)));
    ctx.redirect('/dashboard');
  });

  router.get('/login', (ctx) => {
    const next = typeof ctx.query.next === 'string' ? ctx.query.next.slice(0, 2048) : '';
    ctx.body = authForm('/login', { next, csrf: csrfToken(ctx) });
  });

  router.post('/login', async (ctx) => {
    const { username, password, next } = formFields(ctx, ['username', 'password', 'next']);
    const user = users.findByUsername(username);
    const { ok } = await verifyPassword(user?.passwordHash, password);
    if (!user || !ok) {
      ctx.status = 400;
      ctx.body = authForm('/login', { error: 'Incorrect username or password.', next: safeNext(next, ''), csrf: csrfToken(ctx) });
      return;
    }
    await login(ctx, user); // the session gets its own CSRF token: the login page's stops working
    ctx.redirect(safeNext(next));
  });

  // #region logout
  router.get('/dashboard', loginRequired(), async (ctx) => {
    const user = ctx.state.user && (await users.findById(ctx.state.user.id));
    ctx.body = `<p>Hello, ${escapeHtml(user?.username ?? '')}.</p>
<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${escapeHtml(csrfToken(ctx))}"><button>Log out</button></form>`;
  });

  router.post('/logout', (ctx) => {
    logout(ctx);
    ctx.redirect('/');
  });
  // #endregion logout

  // #region wiring
  const app = new Koa();
  app.use(bodyParser({ enableTypes: ['form'], formLimit: '16kb' }));
  const keys = [randomBytes(32).toString('base64url')]; // signs the session cookie and, through HKDF, anonymous form tokens
  const secure = process.env.NODE_ENV === 'production'; // HTTPS only: __Host-sid and __Host-csrf
  app.use(createSession(app, { store: new MemoryStore(), keys, secure }));
  app.use(csrfProtection({ allowedOrigins: [origin], keys, secure, loopbackAliases: !secure })); // after the body parser and the session
  app.use(loadUser({ findUser: (id) => users.findById(id) }));
  // #endregion wiring
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
