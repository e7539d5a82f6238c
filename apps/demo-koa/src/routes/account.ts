import type Router from '@koa/router';
import { checkPasswordPolicy, digestSessionId } from '@acme/auth-core';
import { formFields, loginRequired, logout, rotateAfterPasswordChange } from '@acme/auth-core/koa';
import type Koa from 'koa';
import type { Services } from '../services.js';
import { describeUserAgent } from './user-agent.js';

function currentUser(ctx: Koa.Context): { id: string; username: string } {
  const user = ctx.state.user as { id: string; username: string } | undefined;
  if (!user) ctx.throw(401);
  return user;
}

/** The current session's digest, to mark "this device" in the list. */
function currentDigest(ctx: Koa.Context): string | undefined {
  const key = (ctx.session as { externalKey?: unknown } | null)?.externalKey;
  return typeof key === 'string' ? digestSessionId(key) : undefined;
}

/** GET /dashboard, GET/POST /account/password, GET /account/sessions (+ revoke one, log out everywhere). */
export function accountRoutes(router: Router, services: Services, appName: string): void {
  const { users, hasher, sessions, passwordChangeThrottle, securityLog } = services;
  const guard = loginRequired();

  router.get('/dashboard', guard, (ctx) => ctx.render('dashboard.njk'));

  router.get('/account/password', guard, (ctx) => ctx.render('account-password.njk'));

  router.post('/account/password', guard, async (ctx) => {
    const user = currentUser(ctx);
    const { current, new: next } = formFields(ctx, ['current', 'new']);
    const decision = await passwordChangeThrottle.check(user.id);
    if (!decision.allowed) {
      ctx.set('Retry-After', String(decision.retryAfterSeconds));
      ctx.throw(429, 'Too many wrong current passwords. Please wait an hour and try again.');
    }
    const fail = (error: string) => {
      ctx.status = 400;
      ctx.render('account-password.njk', { error });
    };
    const record = await users.findById(user.id);
    const verified = record ? await hasher.verify(record.passwordHash, current) : { ok: false };
    if (!record || !verified.ok) {
      await passwordChangeThrottle.hit(user.id);
      securityLog({ type: 'password.change_failed', userId: user.id, ip: ctx.ip, outcome: 'failure', reason: 'wrong_current_password' });
      return fail('Your current password is not correct.');
    }
    const policy = checkPasswordPolicy(next, { username: record.username, appName });
    if (!policy.ok) return fail(policy.reason);
    await passwordChangeThrottle.reset(user.id);
    const updated = await users.changePassword(user.id, await hasher.hash(next));
    if (!updated) return ctx.throw(401);
    await rotateAfterPasswordChange(ctx, updated);
    securityLog({ type: 'password.changed', userId: user.id, ip: ctx.ip, outcome: 'success' });
    ctx.flash('success', 'Your password has been changed. Your other devices have been signed out.');
    ctx.redirect('/account/password');
  });

  router.get('/account/sessions', guard, async (ctx) => {
    const user = currentUser(ctx);
    const current = currentDigest(ctx);
    const list = (await sessions.listByUser(user.id)).map((s) => ({
      digest: s.digest,
      device: describeUserAgent(typeof s.data.userAgent === 'string' ? s.data.userAgent : ''),
      ip: typeof s.data.ip === 'string' ? s.data.ip : 'unknown',
      createdAt: typeof s.data.createdAt === 'number' ? new Date(s.data.createdAt).toISOString() : '',
      lastSeenAt: typeof s.data.lastSeenAt === 'number' ? new Date(s.data.lastSeenAt).toISOString() : '',
      current: s.digest === current,
    }));
    ctx.render('account-sessions.njk', { sessions: list });
  });

  router.post('/account/sessions/revoke', guard, async (ctx) => {
    const user = currentUser(ctx);
    const { digest } = formFields(ctx, ['digest']);
    if (!/^[0-9a-f]{64}$/.test(digest)) ctx.throw(400, 'That session could not be found.');
    if (digest === currentDigest(ctx)) {
      logout(ctx);
      return ctx.redirect('/login');
    }
    const removed = await sessions.destroyByDigest(user.id, digest);
    if (removed) securityLog({ type: 'session.revoked', userId: user.id, ip: ctx.ip, outcome: 'success' });
    ctx.flash(removed ? 'success' : 'error', removed ? 'That session has been signed out.' : 'That session had already ended.');
    ctx.redirect('/account/sessions');
  });

  router.post('/account/sessions/revoke-all', guard, async (ctx) => {
    const user = currentUser(ctx);
    await users.bumpAuthEpoch(user.id);
    await sessions.destroyByUser(user.id);
    securityLog({ type: 'sessions.revoked_all', userId: user.id, ip: ctx.ip, outcome: 'success' });
    logout(ctx);
    ctx.redirect('/login');
  });
}
