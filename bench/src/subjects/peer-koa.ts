// Subject: an equal-guarantee peer, the signed-in route as a Koa team writes it by hand: koa-helmet
// at its defaults, koa-session (rolling and renew off: it writes a session only when it changed)
// with a hand-written external store in the same store as the demo's (SQLite file or Redis, see
// peer-koa-store.ts), a middleware that reads the user's row on every request and refuses a
// disabled user or a moved auth epoch, and @koa/router for the routes (as the demo).
// argv: <sqlite|redis> <redis url>. POST /bench-login signs the bench user in through the session;
// the harness takes its Set-Cookie.
import http from 'node:http';
import Router from '@koa/router';
import Koa from 'koa';
import helmet from 'koa-helmet';
import session from 'koa-session';
import { BENCH_USER, PEER_LOGIN_PATH } from '../constants.js';
import { dashboardPage, newCsrfToken, openUsers, PEER_SESSION, peerSetup, userMayStay, type PeerUser } from './peer-common.js';
import { openKoaStore } from './peer-koa-store.js';
import { announce, koaHandler } from './serve.js';

const setup = peerSetup(process.argv.slice(2));
const users = openUsers(setup.dir);
const store = await openKoaStore(setup);

const app = new Koa();
app.keys = [PEER_SESSION.secret];
app.use(helmet());
app.use(async (ctx, next) => {
  ctx.set('Cache-Control', 'no-store');
  await next();
});
app.use(
  session(
    {
      key: PEER_SESSION.cookieName,
      maxAge: PEER_SESSION.maxAgeMs,
      httpOnly: true,
      signed: true,
      sameSite: 'lax',
      secure: false,
      rolling: false,
      renew: false,
      store,
    },
    app,
  ),
);
// The signed-in user, from the user's row on every request.
app.use(async (ctx, next) => {
  const userId: unknown = ctx.session?.userId;
  const row = typeof userId === 'string' ? users.byId(userId) : undefined;
  if (userMayStay(row, ctx.session?.authEpoch)) (ctx.state as { user?: PeerUser }).user = row;
  await next();
});

const router = new Router();
router.get('/dashboard', (ctx) => {
  const user = (ctx.state as { user?: PeerUser }).user;
  if (!user) {
    ctx.redirect('/login');
    return;
  }
  ctx.type = 'html';
  ctx.body = dashboardPage(user.username, typeof ctx.session?.csrfToken === 'string' ? ctx.session.csrfToken : '');
});
router.post(PEER_LOGIN_PATH, (ctx) => {
  const row = users.byName(BENCH_USER);
  if (!row || !ctx.session) {
    ctx.status = 500;
    return;
  }
  ctx.session.userId = row.id;
  ctx.session.authEpoch = row.auth_epoch;
  ctx.session.csrfToken = newCsrfToken();
  ctx.status = 303;
  ctx.redirect('/dashboard');
});
app.use(router.routes());
app.use(router.allowedMethods());

announce(http.createServer(koaHandler(app)), async () => {
  await store.close();
  users.close();
  setup.removeDir();
});
