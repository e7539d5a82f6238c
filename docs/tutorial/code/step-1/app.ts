import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import { hashPassword, verifyPassword } from '@acme/auth-core';
import Koa from 'koa';
import { formFields } from '@acme/auth-core/koa';
import { Users } from '../shared/users.js';

/**
 * Step 1: passwords are stored as scrypt hashes, and login checks them. No sessions yet: a
 * correct login only says hello.
 *
 * @example
 * const app = createApp();
 * app.listen(3000);
 */
export function createApp(users = new Users()): Koa {
  const router = new Router();

  // #region register
  router.post('/register', async (ctx) => {
    const { username, password } = formFields(ctx, ['username', 'password']);
    if (username === '' || password === '') ctx.throw(400, 'Username and password are required.');
    if (users.findByUsername(username)) ctx.throw(400, 'That username is taken.');
    users.create(username, await hashPassword(password)); // generate_password_hash(password)
    ctx.status = 201;
    ctx.body = 'Account created.';
  });
  // #endregion register

  // #region login
  router.post('/login', async (ctx) => {
    const { username, password } = formFields(ctx, ['username', 'password']);
    const user = users.findByUsername(username);
    const { ok } = await verifyPassword(user?.passwordHash, password); // check_password_hash(...)
    if (!user || !ok) {
      ctx.status = 400;
      ctx.body = 'Incorrect username or password.'; // one message: never "User not found"
      return;
    }
    ctx.body = `Hello, ${user.username}.`;
  });
  // #endregion login

  const app = new Koa();
  app.use(bodyParser({ enableTypes: ['form'], formLimit: '16kb' }));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
