// Subject: the stack DESIGN.md fixes, doing nothing else on the signed-in route: Koa, auth-core's
// security headers and no-store, auth-core's session middleware (koa-session with the signed
// cookie, the id's digest and the timeouts) over the in-memory store, @koa/router, and nunjucks
// rendering the demo's dashboard view. No user lookup, no database, no cache check, no CSRF
// middleware, no other route. Whatever the demo does on top, it cannot be faster than this on the
// machine: `stackOverKoa` and `stackOverFastestPeer` in the JSON bound the targets that compare
// the demo with bare Koa and with the peers.
// POST /bench-login signs the bench user in (the harness takes the cookie, as for the peers).
import http from 'node:http';
import Router from '@koa/router';
import { MemoryStore } from '@acme/auth-core';
import { createSession, noStore, securityHeaders } from '@acme/auth-core/koa';
import Koa from 'koa';
import { BENCH_USER, PEER_LOGIN_PATH } from '../constants.js';
import { BENCH_SESSION_KEYS } from './demo-app.js';
import { demoDashboardView } from './dashboard-body.js';
import { newCsrfToken } from './peer-common.js';
import { announce, koaHandler } from './serve.js';

const { views, data } = demoDashboardView();
const app = new Koa();
app.use(securityHeaders());
app.use(noStore());
app.use(createSession(app, { store: new MemoryStore(), keys: [BENCH_SESSION_KEYS], production: false }));
const router = new Router();
router.get('/dashboard', (ctx) => {
  const session = ctx.session;
  if (typeof session?.userId !== 'string' || typeof session.csrfToken !== 'string') {
    ctx.redirect('/login');
    return;
  }
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = views.render('dashboard.njk', data(BENCH_USER, session.csrfToken));
});
router.post(PEER_LOGIN_PATH, async (ctx) => {
  const session = ctx.session;
  if (!session) {
    ctx.status = 500;
    return;
  }
  session.userId = 'u1';
  session.csrfToken = newCsrfToken();
  await session.regenerate();
  ctx.status = 303;
  ctx.redirect('/dashboard');
});
app.use(router.routes());
announce(http.createServer(koaHandler(app)));
