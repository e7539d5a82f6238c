import type Router from '@koa/router';
import { checkPasswordPolicy, verifyLogin } from '@acme/auth-core';
import { formFields, login, logout, safeNext } from '@acme/auth-core/koa';
import type Koa from 'koa';
import { UsernameTakenError } from '../db/users.js';
import type { Services } from '../services.js';

/** Usernames: 3–32 letters, digits, dots, dashes or underscores (after NFKC). */
const USERNAME = /^[\p{L}\p{N}._-]{3,32}$/u;

function tooMany(ctx: Koa.Context, retryAfterSeconds: number, what: string): void {
  ctx.set('Retry-After', String(retryAfterSeconds));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  ctx.throw(429, `Too many ${what}. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`);
}

/** GET/POST /register, GET/POST /login, POST /logout. */
export function authRoutes(router: Router, services: Services, appName: string): void {
  const { users, hasher, loginThrottle, registrationThrottle, securityLog } = services;

  router.get('/register', (ctx) => ctx.render('register.njk'));

  router.post('/register', async (ctx) => {
    const { username, password } = formFields(ctx, ['username', 'password']);
    const decision = await registrationThrottle.check(ctx.ip);
    if (!decision.allowed) return tooMany(ctx, decision.retryAfterSeconds, 'sign-ups from this network');
    await registrationThrottle.hit(ctx.ip);
    const name = username.normalize('NFKC').trim();
    const fail = (error: string) => {
      ctx.status = 400;
      ctx.render('register.njk', { error, username: name });
    };
    if (!USERNAME.test(name)) return fail('Choose a username of 3 to 32 letters, digits, dots, dashes or underscores.');
    const policy = checkPasswordPolicy(password, { username: name, appName });
    if (!policy.ok) return fail(policy.reason);
    let user;
    try {
      user = await users.create(name, await hasher.hash(password));
    } catch (error) {
      if (error instanceof UsernameTakenError) return fail('That username is taken. Choose another one.');
      throw error;
    }
    await login(ctx, user);
    securityLog({ type: 'user.registered', username: user.username, userId: user.id, ip: ctx.ip, outcome: 'success' });
    ctx.flash('success', `Welcome, ${user.username}. Your account is ready.`);
    ctx.redirect('/dashboard');
  });

  router.get('/login', (ctx) => {
    if (ctx.state.user) return ctx.redirect(safeNext(ctx.query.next));
    // Reflected as typed (autoescaped into a hidden field); validated by safeNext when it is used.
    const next = typeof ctx.query.next === 'string' ? ctx.query.next.slice(0, 2048) : '';
    ctx.render('login.njk', { next });
  });

  router.post('/login', async (ctx) => {
    const { username, password, next } = formFields(ctx, ['username', 'password', 'next']);
    const decision = await loginThrottle.check(username, ctx.ip);
    if (!decision.allowed) {
      securityLog({ type: 'login.throttled', username, ip: ctx.ip, outcome: 'failure', reason: 'throttled' });
      return tooMany(ctx, decision.retryAfterSeconds, 'sign-in attempts');
    }
    const user = username === '' ? undefined : await users.findByUsername(username);
    const { ok, rehashed } = await verifyLogin({
      hasher,
      user: user?.disabled ? undefined : user,
      password,
      saveHash: user ? (hash) => users.replaceHash(user.id, hash) : undefined,
    });
    if (!ok || !user) {
      await loginThrottle.fail(username, ctx.ip);
      securityLog({ type: 'login.failed', username, ip: ctx.ip, outcome: 'failure', reason: 'bad_credentials' });
      ctx.status = 400;
      // One message for unknown users and wrong passwords: the form must not tell which usernames exist.
      ctx.render('login.njk', { error: 'Incorrect username or password.', username, next: safeNext(next, '') });
      return;
    }
    await loginThrottle.succeed(username, ctx.ip);
    await login(ctx, user);
    if (rehashed) securityLog({ type: 'password.rehashed', userId: user.id, ip: ctx.ip, outcome: 'success' });
    securityLog({ type: 'login.succeeded', username: user.username, userId: user.id, ip: ctx.ip, outcome: 'success' });
    ctx.redirect(safeNext(next));
  });

  router.post('/logout', (ctx) => {
    const userId = ctx.state.user?.id;
    logout(ctx);
    if (userId) securityLog({ type: 'logout', userId, ip: ctx.ip, outcome: 'success' });
    ctx.redirect('/');
  });
}
