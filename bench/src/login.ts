import { BENCH_ORIGIN, BENCH_PASSWORD, BENCH_USER, floodUser, PEER_LOGIN_PATH } from './constants.js';
import { cookieHeader, send } from './http-client.js';
import { percentile } from './stats.js';

/** A fresh visitor's cookies (the anonymous csrf cookie) and the CSRF token its login page carries. */
export interface LoginForm {
  cookie: string;
  csrf: string;
}

/**
 * GETs /login and returns its cookies and `_csrf` token (each login uses its own, as a new
 * visitor would; the page stores nothing on the server).
 *
 * @example
 * const form = await loginForm(port);
 */
export async function loginForm(port: number): Promise<LoginForm> {
  const page = await send(port, 'GET', '/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (page.status !== 200 || !csrf) throw new Error(`GET /login answered ${page.status} without a _csrf field`);
  return { cookie: cookieHeader(page.cookies), csrf };
}

/**
 * POSTs the bench user's credentials with `form` (or another account's, from another client
 * address, with `as`); returns the status and the new session's cookie.
 *
 * @example
 * const { status } = await postLogin(port, await loginForm(port));
 */
export async function postLogin(port: number, form: LoginForm, timeoutMs = 60_000, as?: { username: string; ip: string }): Promise<{ status: number; cookie: string }> {
  const body = new URLSearchParams({ username: as?.username ?? BENCH_USER, password: BENCH_PASSWORD, _csrf: form.csrf }).toString();
  const headers = { cookie: form.cookie, origin: BENCH_ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...(as ? { 'x-forwarded-for': as.ip } : {}) };
  const reply = await send(port, 'POST', '/login', headers, body, timeoutMs);
  return { status: reply.status, cookie: cookieHeader(reply.cookies) };
}

/**
 * Signs the bench user in and returns the session cookie for protected routes.
 *
 * @example
 * const cookie = await signIn(port);
 */
export async function signIn(port: number): Promise<string> {
  const { status, cookie } = await postLogin(port, await loginForm(port));
  if (status !== 302 || !cookie) throw new Error(`POST /login answered ${status}, expected 302 with a new session`);
  return cookie;
}

/**
 * Signs the bench user in on an equal-guarantee peer (POST {@link PEER_LOGIN_PATH}, the peer's
 * own session machinery) and returns the session cookie, once GET /dashboard answers 200 with it.
 *
 * @example
 * const cookie = await peerSignIn(port);
 */
export async function peerSignIn(port: number): Promise<string> {
  const login = await send(port, 'POST', PEER_LOGIN_PATH);
  const cookie = cookieHeader(login.cookies);
  if (login.status !== 303 || !cookie) throw new Error(`POST ${PEER_LOGIN_PATH} answered ${login.status}, expected 303 with a session cookie`);
  const page = await send(port, 'GET', '/dashboard', { cookie });
  if (page.status !== 200) throw new Error(`GET /dashboard with the new session answered ${page.status}, expected 200`);
  return cookie;
}

/**
 * Pre-creates `count` login forms (sessions), a few at a time.
 *
 * @example
 * const forms = await loginForms(port, 100);
 */
export async function loginForms(port: number, count: number): Promise<LoginForm[]> {
  const forms: LoginForm[] = [];
  while (forms.length < count) {
    forms.push(...(await Promise.all(Array.from({ length: Math.min(16, count - forms.length) }, () => loginForm(port)))));
  }
  return forms;
}

/** Status → count. */
export type StatusCounts = Record<string, number>;

function bump(counts: StatusCounts, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/**
 * Logs in as fast as `concurrency` clients can for `seconds`, each login with a pre-created form,
 * while a probe GETs /healthz every 50 ms. Returns successful logins per second, the probe's p99
 * latency and the statuses seen.
 *
 * @example
 * const storm = await loginStorm(port, { seconds: 5, concurrency: 4, forms });
 */
export async function loginStorm(port: number, options: { seconds: number; concurrency: number; forms: LoginForm[] }): Promise<{ rate: number; probeP99Ms: number; statuses: StatusCounts }> {
  const statuses: StatusCounts = {};
  const probes: number[] = [];
  const start = performance.now();
  const end = start + options.seconds * 1000;
  let ok = 0;
  let lastDone = start;
  const worker = async () => {
    for (let form = options.forms.pop(); form && performance.now() < end; form = options.forms.pop()) {
      const { status } = await postLogin(port, form).catch(() => ({ status: 0 }));
      bump(statuses, String(status));
      if (status === 302) ok += 1;
      lastDone = performance.now();
    }
  };
  const probe = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const reply = await send(port, 'GET', '/healthz').catch(() => ({ status: 0 }));
      probes.push(performance.now() - t0);
      if (reply.status !== 200) bump(statuses, `healthz ${reply.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await Promise.all([...Array.from({ length: options.concurrency }, worker), probe()]);
  return { rate: ok / ((lastDone - start) / 1000), probeP99Ms: percentile(probes, 99), statuses };
}

/**
 * GETs /healthz every 50 ms for `seconds` with nothing else running and returns the p99 latency:
 * the baseline the storm's figure is read against.
 *
 * @example
 * const idleP99 = await idleProbe(port, 2);
 */
export async function idleProbe(port: number, seconds: number): Promise<number> {
  return (await loginStorm(port, { seconds, concurrency: 0, forms: [] })).probeP99Ms;
}

/**
 * Fires one login per form, all at once, each as another account from another address
 * ({@link floodUser}), and counts the statuses (302 signed in; 503 when the hasher's bounded
 * queue is full). The last in the queue wait for every hash before them, so each request may take
 * up to five minutes.
 *
 * @example
 * const statuses = await loginFlood(port, await loginForms(port, 200));
 */
export async function loginFlood(port: number, forms: LoginForm[]): Promise<StatusCounts> {
  const statuses: StatusCounts = {};
  const results = await Promise.all(forms.map((form, i) => postLogin(port, form, 300_000, floodUser(i)).catch(() => ({ status: 0 }))));
  for (const { status } of results) bump(statuses, String(status));
  return statuses;
}
