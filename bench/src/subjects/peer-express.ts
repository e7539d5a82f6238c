// Subject: an equal-guarantee peer, the signed-in route as an Express 5 team writes it: helmet at
// its defaults, express-session (resave, saveUninitialized and rolling off, as its docs recommend)
// with a server-side session in the same store as the demo's (SQLite file or Redis, see
// peer-stores.ts), and passport's session strategy, whose deserializeUser reads the user's row on
// every request and refuses a disabled user or a moved auth epoch. argv: <sqlite|redis> <redis url>.
// POST /bench-login signs the bench user in through passport's req.login (a new session id, the
// record written by express-session); the harness takes its Set-Cookie.
import http from 'node:http';
import express from 'express';
import session from 'express-session';
import helmet from 'helmet';
import passport from 'passport';
import { BENCH_USER, PEER_LOGIN_PATH } from '../constants.js';
import { dashboardPage, newCsrfToken, openUsers, PEER_SESSION, peerSetup, userMayStay } from './peer-common.js';
import { openExpressStore } from './peer-stores.js';
import { announce } from './serve.js';

/** What passport keeps in the session: the user's id and the auth epoch at sign-in. */
interface SessionUser {
  id: string;
  authEpoch: number;
}

declare module 'express-session' {
  interface SessionData {
    /** The logout form's CSRF token, made at sign-in. */
    csrfToken?: string;
  }
}

/** What deserializeUser puts on `req.user`. */
interface SignedInUser extends SessionUser {
  username: string;
}

const setup = peerSetup(process.argv.slice(2));
const users = openUsers(setup.dir);
const sessions = await openExpressStore(setup);

passport.serializeUser<SessionUser>((user, done) => {
  const { id, authEpoch } = user as SignedInUser;
  done(null, { id, authEpoch });
});
passport.deserializeUser<SessionUser>((stored, done) => {
  const row = users.byId(stored.id);
  const user: SignedInUser | false = userMayStay(row, stored.authEpoch) ? { id: row.id, username: row.username, authEpoch: row.auth_epoch } : false;
  done(null, user);
});

const app = express();
app.use(helmet());
app.use((_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
});
app.use(
  session({
    store: sessions.store,
    secret: PEER_SESSION.secret,
    name: PEER_SESSION.cookieName,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: false, maxAge: PEER_SESSION.maxAgeMs },
  }),
);
app.use(passport.authenticate('session'));
app.get('/dashboard', (req, res) => {
  const user = req.user as SignedInUser | undefined;
  if (!user) {
    res.redirect('/login');
    return;
  }
  res.type('html').send(dashboardPage(user.username, req.session.csrfToken ?? ''));
});
app.post(PEER_LOGIN_PATH, (req, res, next) => {
  const row = users.byName(BENCH_USER);
  if (!row) {
    res.sendStatus(500);
    return;
  }
  const user: SignedInUser = { id: row.id, username: row.username, authEpoch: row.auth_epoch };
  req.login(user, (error) => {
    if (error) {
      next(error);
      return;
    }
    req.session.csrfToken = newCsrfToken();
    res.redirect(303, '/dashboard');
  });
});

announce(http.createServer(app), async () => {
  await sessions.close();
  users.close();
  setup.removeDir();
});
