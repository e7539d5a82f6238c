import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_SCRYPT_PARAMS } from '@acme/auth-core';
import { benchRun } from './bench-run.js';
import { CLUSTER_IDS, clusterPlan, clusterResult } from './cluster.js';
import { coresText } from './cores.js';
import { FLOOD_USERS } from './constants.js';
import { interleavedLoad, type LoadTarget } from './load.js';
import { idleProbe, loginFlood, loginForms, loginStorm, peerSignIn, signIn } from './login.js';
import { comparePeers } from './peers.js';
import { peakRssMiB, type Subject } from './processes.js';
import { target, type BenchResult, type PeerComparison, type SubjectResult } from './result.js';
import { median, ratio } from './stats.js';

/** How long and how hard to run. */
export interface BenchOptions {
  /** CI mode: one short round, a small flood; checks the harness works, not the figures. */
  quick: boolean;
  /** Redis for the Redis-store subject. */
  redisUrl: string;
  /**
   * `--cluster-cores N`: run the cluster subject as if the machine had N cores (N − 1 workers),
   * even where it has fewer than 4. A harness check: on fewer cores its figure means nothing.
   */
  clusterCores?: number | undefined;
  /** `--rounds N`: interleaved rounds, 1 to `MAX_ROUNDS` (cli-args.ts; default 3, 1 in quick mode). */
  rounds?: number | undefined;
  /** Progress lines go here (stderr by default). */
  log?: (line: string) => void;
}

interface HttpSubject {
  id: string;
  label: string;
  script: string;
  args: string[];
  path: string;
  expect: '2xx' | '3xx';
  /**
   * How the load gets its session: none, a login through the demo's own form, the cookie the
   * subject printed (`COOKIE <header>`), or the peers' sign-in route (`peerSignIn`).
   */
  session: 'none' | 'login' | 'printed' | 'route';
  /** For an equal-guarantee peer: the store it shares with ours (`demo-<store>`). */
  peer?: PeerComparison['store'];
  /** A process started right after this subject (not measured): `login-writer` on the subject's files. */
  companion?: { script: string; args: string[] };
  /** The CPU list its whole process tree is pinned to instead of the servers' core (the cluster subject). */
  cpus?: string;
}

/** How many sign-ins a second the login writer commits beside `demo-sqlite-writer`. */
const WRITER_LOGINS_PER_SECOND = 20;

/** The equal-guarantee peers (subjects/peer-*.ts), each measured with both stores: ids `<id>-sqlite` and `<id>-redis`. */
const PEERS: { id: string; script: string; labels: Record<PeerComparison['store'], string> }[] = [
  {
    id: 'express',
    script: 'peer-express',
    labels: { sqlite: 'Express 5 + express-session (SQLite store) + passport + helmet', redis: 'Express 5 + express-session (connect-redis) + passport + helmet' },
  },
  {
    id: 'fastify',
    script: 'peer-fastify',
    labels: { sqlite: 'Fastify 5 + @fastify/session (SQLite store) + @fastify/helmet', redis: 'Fastify 5 + @fastify/session (connect-redis) + @fastify/helmet' },
  },
  {
    id: 'koa-session',
    script: 'peer-koa',
    labels: { sqlite: 'Koa + koa-session (hand-written SQLite store) + koa-helmet', redis: 'Koa + koa-session (hand-written Redis store) + koa-helmet' },
  },
];

const HTTP_SUBJECTS = (redisUrl: string, sharedDir: string): HttpSubject[] => [
  { id: 'node-http', label: 'bare node:http handler', script: 'node-http', args: [], path: '/dashboard', expect: '2xx', session: 'none' },
  { id: 'koa', label: 'bare Koa route', script: 'koa', args: [], path: '/dashboard', expect: '2xx', session: 'none' },
  { id: 'floor', label: 'floor: bare Koa + only the unskippable checks', script: 'floor', args: [], path: '/dashboard', expect: '2xx', session: 'printed' },
  { id: 'stack', label: 'fixed stack: Koa + session middleware (memory) + @koa/router + nunjucks, nothing else', script: 'stack', args: [], path: '/dashboard', expect: '2xx', session: 'route' },
  { id: 'demo-sqlite', label: 'demo GET /dashboard signed in, SQLite store', script: 'demo', args: ['sqlite'], path: '/dashboard', expect: '2xx', session: 'login' },
  { id: 'demo-memory', label: 'demo GET /dashboard signed in, memory store', script: 'demo', args: ['memory'], path: '/dashboard', expect: '2xx', session: 'login' },
  { id: 'demo-redis', label: 'demo GET /dashboard signed in, Redis store', script: 'demo', args: ['redis', redisUrl], path: '/dashboard', expect: '2xx', session: 'login' },
  { id: 'demo-anonymous', label: 'demo GET /dashboard anonymous (302 to /login)', script: 'demo', args: ['sqlite'], path: '/dashboard', expect: '3xx', session: 'none' },
  { id: 'demo-sqlite-nocache', label: 'demo GET /dashboard signed in, SQLite store, AUTH_CACHE=off', script: 'demo', args: ['sqlite', '--cache', 'off'], path: '/dashboard', expect: '2xx', session: 'login' },
  {
    id: 'demo-sqlite-writer',
    label: `demo GET /dashboard signed in, SQLite store, another process committing ${WRITER_LOGINS_PER_SECOND} sign-ins/s to its files`,
    script: 'demo',
    args: ['sqlite', '--dir', sharedDir],
    path: '/dashboard',
    expect: '2xx',
    session: 'login',
    companion: { script: 'login-writer', args: [sharedDir, String(WRITER_LOGINS_PER_SECOND)] },
  },
  ...PEERS.flatMap(({ id, script, labels }) =>
    (['sqlite', 'redis'] as const).map((store): HttpSubject => ({
      id: `${id}-${store}`,
      label: labels[store],
      script,
      args: [store, redisUrl],
      path: '/dashboard',
      expect: '2xx',
      session: 'route',
      peer: store,
    })),
  ),
];

/** How long the cluster subject may take to set up and start its workers one after another. */
const CLUSTER_START_MS = 60_000;

/** The cluster subject (subjects/demo-cluster.ts): the demo's own entry with WEB_CONCURRENCY=`workers`, its process tree on `cpus`. */
const CLUSTER_SUBJECT = (workers: number, cpus: string): HttpSubject => ({
  id: CLUSTER_IDS.cluster,
  label: `demo GET /dashboard signed in, SQLite store, WEB_CONCURRENCY=${workers} (node:cluster)`,
  script: 'demo-cluster',
  args: [String(workers)],
  path: '/dashboard',
  expect: '2xx',
  session: 'login',
  cpus,
});

/** The caveat carried into the notes when the cluster subject was measured. */
const CLUSTER_NOTE =
  'Cluster: demo-cluster is the demo as an operator runs it on several cores, its own server entry (runServer) with WEB_CONCURRENCY set to the cores but the load generator\'s: a node:cluster primary (holding the throttle counters) and that many workers sharing the port, the SQLite store (each worker with its own exact cache, emptied by any commit to the shared files), SMTP_URL set as a cluster requires (no mail is sent). The primary and its workers are pinned to every core but the last, the load generator to the last. "scaling" in the JSON is its median ÷ demo-sqlite\'s (one process on core 0): informational, no target. One autocannon process on one core loads it; where that core saturates, the scaling is a lower bound.';

/**
 * The server's event-loop delay p99 (ms) since the last call: signals the demo subject (SIGUSR2)
 * and reads the `LOOP` line it prints. NaN if no line comes within two seconds.
 *
 * @example
 * await serverLoopDelay(server); // start a window
 * const p99 = await serverLoopDelay(server); // p99 of the window
 */
async function serverLoopDelay(subject: Subject): Promise<number> {
  const seen = subject.output().length;
  process.kill(subject.pid, 'SIGUSR2');
  for (let waited = 0; waited < 2_000; waited += 20) {
    const line = /LOOP ([\d.]+)/.exec(subject.output().slice(seen));
    if (line) return Number(line[1]);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Number.NaN;
}

/** The headers that give `spec`'s load its session. */
async function sessionHeaders(spec: HttpSubject, subject: Subject): Promise<Record<string, string>> {
  if (spec.session === 'login') return { cookie: await signIn(subject.port) };
  if (spec.session === 'none') return {};
  if (spec.session === 'route') return { cookie: await peerSignIn(subject.port) };
  const cookie = /^COOKIE (.+)$/m.exec(subject.output())?.[1];
  if (!cookie) throw new Error(`the ${spec.id} subject printed no COOKIE line`);
  return { cookie };
}

/** Caveats carried into the JSON and the report: why a target may stay out of reach. */
const NOTES: string[] = [
  'Signed-in /dashboard against bare Koa: every signed-in request checks the cookie signature (HMAC), digests the session id (SHA-256), looks up the session record and the user (so a password change, a disable or "log out everywhere" holds from the next request), renders the page and sends the security headers; the bare route does none of this. With SQLite (AUTH_CACHE on, the default) the record and the user row come from an exact cache: before each lookup the process reads PRAGMA data_version and total_changes() on the connection, and any commit to the file, by any process, empties it (SECURITY.md, "Caches and revocation"). demo-sqlite-nocache is the same with AUTH_CACHE=off; demo-sqlite-writer runs beside a second process committing sign-ins (a session record and the user row) to the same files, so its cache is emptied many times a second. Redis and PostgreSQL are never cached.',
  'The hand-written floor (bench/src/subjects/floor.ts) does only those unskippable steps, each in its cheapest form, on bare Koa: auth-core\'s headers, the signature check, the digest, the session record from auth-core\'s SQLite store, the timeouts and the user\'s row from one prepared statement, and the demo\'s own dashboard page (the same bytes, rendered once at start through the demo\'s views, the name and the CSRF token filled in by string concatenation); no koa-session, router, CSRF, query builder or template engine at request time. floorOverKoa is the most this request flow (Koa, the template\'s headers, a server-side session in SQLite, the user read on every request) reaches on this machine, however the demo is tuned.',
  'The fixed stack (bench/src/subjects/stack.ts) is what DESIGN.md fixes, doing nothing else on the signed-in route: Koa, auth-core\'s headers and no-store, auth-core\'s session middleware (koa-session: the signed cookie, the id\'s digest, the timeouts) over the in-memory store, @koa/router with one route, and nunjucks rendering the demo\'s dashboard view; no user lookup, database, cache check or CSRF middleware. stackOverKoa and stackOverFastestPeer bound the targets that compare the demo with bare Koa and with the peers: the demo adds to this, it cannot go below it.',
  'Equal-guarantee peers (bench/src/subjects/peer-*.ts) are what a team would pick instead, each doing on the signed-in route what the demo does: a server-side session in the same store (a SQLite file in WAL mode, or the same Redis), the user\'s row read from SQLite on every request (one prepared statement) with the same disabled and auth-epoch check, the framework\'s usual security-headers package at its defaults, Cache-Control: no-store, and the same page body: the demo\'s dashboard, byte for byte (bench/src/subjects/dashboard-body.ts renders it once at start through the demo\'s views; each request fills in the name and the session\'s CSRF token, made at sign-in, by string concatenation, and a test checks it against the running demo\'s page). Express 5: express-session (resave, saveUninitialized and rolling off, as its docs recommend), passport\'s session strategy, whose deserializeUser reads the row, and helmet. Fastify 5: @fastify/cookie, @fastify/session (saveUninitialized and rolling off) and @fastify/helmet, the row read in a preHandler. Koa: koa-session (rolling and renew off) with a hand-written external store, koa-helmet, @koa/router, and a middleware that reads the row. Express and Fastify share the SQLite store (an express-session Store over better-sqlite3, as no maintained package fits) and connect-redis 9 on the redis client; the Koa store uses ioredis, as the demo. Each signs the bench user in through its own session machinery (POST /bench-login), and the load uses that session. What the demo does and the peers do not: an absolute session timeout, a SHA-256 digest of the session id before the store lookup, and auth-core\'s stricter CSP; express-session, unlike the others, also writes the record\'s expiry on every request (touch), as it must with resave off. "peers" in the JSON holds ours ÷ each peer and ÷ the fastest, per store.',
  'Loop lag: the target is read from the GET /healthz probe, as the issue asks; its latency also holds the load generator\'s scheduling and the machine\'s other load (the idle probe shows that floor). serverLoopDelayP99Ms is the event-loop delay measured inside the server during the same storm.',
];

/**
 * Runs the whole benchmark: HTTP subjects in interleaved rounds, then raw hash rate vs login
 * throughput (interleaved), loop lag during the storm, and peak RSS under a flood of concurrent
 * logins. Every child is killed before it returns or throws.
 *
 * @example
 * const result = await runBench({ quick: true, redisUrl: 'redis://127.0.0.1:6379' });
 */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const loginSeconds = options.quick ? 1 : 12;
  const floodConcurrency = options.quick ? 4 : FLOOD_USERS;
  const cluster = clusterPlan(availableParallelism(), options.clusterCores);
  return benchRun('bench', options, async ({ rounds, seconds, pin, cores, log, start }) => {
    const sharedDir = mkdtempSync(path.join(tmpdir(), 'acme-bench-shared-'));
    // The subjects holding its files are stopped after this function returns: remove it at exit.
    process.once('exit', () => rmSync(sharedDir, { recursive: true, force: true }));
    const clusterCpus = pin ? cores.cluster : 'unpinned';
    if ('skipped' in cluster) log(`  cluster subject skipped: ${cluster.skipped}`);
    else log(`  cluster subject: WEB_CONCURRENCY=${cluster.workers} on ${pin ? coresText(clusterCpus) : 'unpinned cores'}${cluster.caveat ? `, ${cluster.caveat}` : ''}`);
    const specs = [...HTTP_SUBJECTS(options.redisUrl, sharedDir), ...('skipped' in cluster ? [] : [CLUSTER_SUBJECT(cluster.workers, cores.cluster)])];
    const running = new Map<string, Subject>();
    const targets: LoadTarget[] = [];
    for (const spec of specs) {
      const subject = await start(spec.script, spec.args, spec.cpus === undefined ? {} : { cpus: spec.cpus, timeoutMs: CLUSTER_START_MS });
      running.set(spec.id, subject);
      if (spec.companion) running.set(`${spec.id}:companion`, await start(spec.companion.script, spec.companion.args));
      targets.push({ id: spec.id, port: subject.port, path: spec.path, expect: spec.expect, headers: await sessionHeaders(spec, subject), pid: subject.pid });
    }
    const figures = await interleavedLoad(targets, { rounds, seconds, log });
    const subjects: SubjectResult[] = specs.map((spec) => {
      const figure = figures.get(spec.id) ?? { rps: [], cpuUs: [], unexpected: 0 };
      return { id: spec.id, label: spec.label, rps: figure.rps, medianRps: median(figure.rps), cpuUs: figure.cpuUs, medianCpuUs: median(figure.cpuUs), unexpected: figure.unexpected };
    });
    const loginServer = running.get('demo-sqlite');
    if (!loginServer) throw new Error('the SQLite demo subject did not start');
    for (const subject of running.values()) if (subject !== loginServer) await subject.stop();

    const idleProbeP99Ms = await idleProbe(loginServer.port, options.quick ? 1 : 3);
    log(`  idle /healthz p99 ${idleProbeP99Ms.toFixed(1)} ms`);
    const rawHashRate: number[] = [];
    const loginRate: number[] = [];
    const probeP99: number[] = [];
    const serverP99: number[] = [];
    const loginStatuses: Record<string, number> = {};
    for (let round = 0; round < rounds; round += 1) {
      const raw = await start('scrypt-rate', [String(loginSeconds)], { waitReady: false, timeoutMs: 5_000 });
      const rate = Number(/RATE ([\d.]+)/.exec(await raw.exited)?.[1] ?? Number.NaN);
      rawHashRate.push(rate);
      const forms = await loginForms(loginServer.port, Math.ceil(rate * loginSeconds * 2) + 16);
      await serverLoopDelay(loginServer);
      const storm = await loginStorm(loginServer.port, { seconds: loginSeconds, concurrency: 4, forms });
      serverP99.push(await serverLoopDelay(loginServer));
      loginRate.push(storm.rate);
      probeP99.push(storm.probeP99Ms);
      for (const [status, n] of Object.entries(storm.statuses)) loginStatuses[status] = (loginStatuses[status] ?? 0) + n;
      log(`  round ${round + 1} raw scrypt ${rate.toFixed(2)}/s, POST /login ${storm.rate.toFixed(2)}/s, /healthz p99 ${storm.probeP99Ms.toFixed(1)} ms, server loop delay p99 ${(serverP99.at(-1) ?? Number.NaN).toFixed(1)} ms`);
    }
    const floodStatuses = await loginFlood(loginServer.port, await loginForms(loginServer.port, floodConcurrency));
    const peakRss = peakRssMiB(loginServer.pid);
    log(`  flood of ${floodConcurrency}: ${JSON.stringify(floodStatuses)}, peak RSS ${peakRss.toFixed(1)} MiB`);
    const unexpectedLogin =
      Object.entries(loginStatuses).filter(([s]) => s !== '302').reduce((n, [, c]) => n + c, 0) +
      Object.entries(floodStatuses).filter(([s]) => s !== '302' && s !== '503').reduce((n, [, c]) => n + c, 0);
    const byId = (id: string) => subjects.find((s) => s.id === id)?.medianRps ?? Number.NaN;
    // The same ratio from server CPU per answer: the denominator's µs ÷ ours (fewer µs is faster).
    const cpuOf = (id: string) => subjects.find((s) => s.id === id)?.medianCpuUs ?? Number.NaN;
    const byCpu = (ours: string, other: string | undefined) => (other === undefined ? Number.NaN : ratio(cpuOf(other), cpuOf(ours)));
    const peers = (['sqlite', 'redis'] as const).map((store) => comparePeers(subjects, store, `demo-${store}`, specs.filter((s) => s.peer === store).map((s) => s.id)));
    const [sqlitePeers, redisPeers] = peers;
    const login = {
      rawHashRate,
      loginRate,
      loopLagP99Ms: Math.max(...probeP99),
      serverLoopDelayP99Ms: Math.max(...serverP99),
      idleProbeP99Ms,
      loginSeconds,
      floodConcurrency,
      floodStatuses,
      peakRssMiB: peakRss,
      unexpected: unexpectedLogin,
    };
    return {
      generatedAt: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      pinned: pin,
      ...(pin ? { loadCore: cores.load } : {}),
      quick: options.quick,
      rounds,
      durationSeconds: seconds,
      scrypt: { logN: DEFAULT_SCRYPT_PARAMS.logN, r: DEFAULT_SCRYPT_PARAMS.r, p: DEFAULT_SCRYPT_PARAMS.p },
      subjects,
      login,
      reference: {
        floorOverKoa: ratio(byId('floor'), byId('koa')),
        demoOverFloor: ratio(byId('demo-sqlite'), byId('floor')),
        cacheOverNoCache: ratio(byId('demo-sqlite'), byId('demo-sqlite-nocache')),
        writerOverQuiet: ratio(byId('demo-sqlite-writer'), byId('demo-sqlite')),
        stackOverKoa: ratio(byId('stack'), byId('koa')),
        stackOverFastestPeer: ratio(byId('stack'), sqlitePeers ? byId(sqlitePeers.fastest.id) : Number.NaN),
      },
      peers,
      cluster: clusterResult(cluster, subjects, clusterCpus),
      notes: 'skipped' in cluster ? NOTES : [...NOTES, CLUSTER_NOTE],
      targets: [
        target('signed-in /dashboard (SQLite) ÷ bare Koa', ratio(byId('demo-sqlite'), byId('koa')), '>=', 0.35, byCpu('demo-sqlite', 'koa')),
        target('signed-in /dashboard (SQLite) ÷ fastest equal-guarantee peer on SQLite', sqlitePeers?.fastest.oursOver ?? Number.NaN, '>=', 1.5, byCpu('demo-sqlite', sqlitePeers?.fastest.id)),
        target('signed-in /dashboard (Redis) ÷ fastest equal-guarantee peer on Redis', redisPeers?.fastest.oursOver ?? Number.NaN, '>=', 1.2, byCpu('demo-redis', redisPeers?.fastest.id)),
        target('demo ÷ hand-written floor (SQLite)', ratio(byId('demo-sqlite'), byId('floor')), '>=', 0.8, byCpu('demo-sqlite', 'floor')),
        target('anonymous /dashboard (302) ÷ bare Koa', ratio(byId('demo-anonymous'), byId('koa')), '>=', 0.5, byCpu('demo-anonymous', 'koa')),
        target('POST /login rate ÷ raw scrypt-kdf rate', ratio(median(loginRate), median(rawHashRate)), '>=', 0.9),
        target('loop lag p99 during the login storm (ms)', login.loopLagP99Ms, '<', 20),
        target(`peak RSS under ${floodConcurrency} concurrent logins (MiB)`, peakRss, '<', 512),
        target('non-expected statuses', subjects.reduce((n, s) => n + s.unexpected, 0) + unexpectedLogin, '==', 0),
      ],
    };
  });
}
