// Subject: an equal-guarantee peer, the signed-in route as a Fastify 5 team writes it:
// @fastify/helmet at its defaults, @fastify/cookie and @fastify/session (saveUninitialized and
// rolling off; it has no resave: it writes a session only when it changed) with a server-side
// session in the same store as the demo's (SQLite file or Redis, the express-session stores of
// peer-stores.ts, which @fastify/session takes), and a preHandler that reads the user's row on
// every request and refuses a disabled user or a moved auth epoch. argv: <sqlite|redis> <redis url>.
// POST /bench-login signs the bench user in through the session; the harness takes its Set-Cookie.
import http from 'node:http';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySession, { type SessionStore } from '@fastify/session';
import Fastify, { type FastifyReply, type FastifyRequest, type HookHandlerDoneFunction } from 'fastify';
import { BENCH_USER, PEER_LOGIN_PATH } from '../constants.js';
import { dashboardPage, newCsrfToken, openUsers, PEER_SESSION, peerSetup, userMayStay, type PeerUser } from './peer-common.js';
import { openExpressStore } from './peer-stores.js';
import { announce } from './serve.js';

declare module 'fastify' {
  interface Session {
    userId?: string;
    authEpoch?: number;
    csrfToken?: string;
  }
  interface FastifyRequest {
    /** The signed-in user's row, set by the preHandler. */
    user: PeerUser | null;
  }
}

const setup = peerSetup(process.argv.slice(2));
const users = openUsers(setup.dir);
const sessions = await openExpressStore(setup);

let server: http.Server | undefined;
const app = Fastify({
  serverFactory: (handler) => (server = http.createServer(handler)),
});
await app.register(fastifyHelmet);
await app.register(fastifyCookie);
await app.register(fastifySession, {
  store: sessions.store as unknown as SessionStore, // express-session's store interface, which @fastify/session documents as compatible
  secret: PEER_SESSION.secret,
  cookieName: PEER_SESSION.cookieName,
  saveUninitialized: false,
  rolling: false,
  cookie: { httpOnly: true, sameSite: 'lax', secure: false, path: '/', maxAge: PEER_SESSION.maxAgeMs },
});
app.decorateRequest('user', null);
app.addHook('onRequest', (_request, reply, done) => {
  reply.header('cache-control', 'no-store');
  done();
});

/** Signed in, or a redirect to /login: the user's row on every request, then its checks. */
function signedIn(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const { userId, authEpoch } = request.session;
  const row = typeof userId === 'string' ? users.byId(userId) : undefined;
  if (!userMayStay(row, authEpoch)) {
    void reply.redirect('/login');
    return;
  }
  request.user = row;
  done();
}

app.get('/dashboard', { preHandler: signedIn }, (request, reply) => {
  void reply.type('text/html; charset=utf-8').send(dashboardPage(request.user?.username ?? '', request.session.csrfToken ?? ''));
});
app.post(PEER_LOGIN_PATH, (request, reply) => {
  const row = users.byName(BENCH_USER);
  if (!row) {
    void reply.code(500).send();
    return;
  }
  request.session.set('userId', row.id);
  request.session.set('authEpoch', row.auth_epoch);
  request.session.set('csrfToken', newCsrfToken());
  void reply.redirect('/dashboard', 303);
});

await app.ready();
if (!server) throw new Error('Fastify did not call its serverFactory');
announce(server, async () => {
  await sessions.close();
  users.close();
  setup.removeDir();
});
