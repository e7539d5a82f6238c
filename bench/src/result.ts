/** One HTTP subject's figures across the interleaved rounds. */
export interface SubjectResult {
  /** Short id, e.g. `demo-sqlite`. */
  id: string;
  /** What is measured, e.g. `demo GET /dashboard signed in (SQLite store)`. */
  label: string;
  /** Requests per second, one per round. */
  rps: number[];
  /** Median of `rps`. */
  medianRps: number;
  /**
   * The server's CPU time (user + system, its whole process tree) per answer in µs, one per round
   * (absent in results from before it was measured). Unlike req/s it does not depend on how fast
   * the load generator can send, and it moves less when the machine is busy.
   */
  cpuUs?: number[] | undefined;
  /** Median of `cpuUs`. */
  medianCpuUs?: number | undefined;
  /** Responses with a status other than the expected one, plus errors and timeouts, over all rounds. */
  unexpected: number;
}

/** The login figures: throughput against the raw hash rate, loop lag and memory under a flood. */
export interface LoginResult {
  /** Raw scrypt-kdf hashes per second with the same params, in a process on the same core(s), one per round. */
  rawHashRate: number[];
  /** Successful POST /login per second, one per round. */
  loginRate: number[];
  /** p99 latency of GET /healthz probes during the login storm, in ms (the event loop's lag as a client sees it). */
  loopLagP99Ms: number;
  /** The server's own event-loop delay p99 during the storm (perf_hooks, 1 ms resolution), worst round, in ms. */
  serverLoopDelayP99Ms: number;
  /** p99 latency of the same probe on the idle server, in ms: the machine's own noise. */
  idleProbeP99Ms: number;
  /** Seconds each raw-hash and login round lasted. */
  loginSeconds: number;
  /** Concurrent logins fired in the flood. */
  floodConcurrency: number;
  /** Flood outcome: status code → count (302 signed in, 503 hasher queue full). */
  floodStatuses: Record<string, number>;
  /** Peak resident memory of the server (VmHWM) after the flood, in MiB. */
  peakRssMiB: number;
  /** Responses with statuses other than the expected ones (and errors) over all login phases. */
  unexpected: number;
}

/** A target from the issue, with the measured value and whether it is met. */
export interface TargetResult {
  name: string;
  value: number;
  /** `>=` or `<`/`==` the limit. */
  op: '>=' | '<' | '==';
  limit: number;
  pass: boolean;
  /**
   * For a ratio of two subjects, the same ratio from their server CPU time per answer instead of
   * req/s (the other's µs ÷ ours): what it would be if the load generator held neither back.
   * Informational: the target is judged on req/s.
   */
  byCpu?: number | undefined;
}

/** One equal-guarantee peer's figure against ours on the same store. */
export interface PeerFigure {
  /** Subject id, e.g. `express-sqlite`. */
  id: string;
  label: string;
  medianRps: number;
  /** Ours ÷ this peer (median req/s). */
  oursOver: number;
}

/**
 * Ours against the equal-guarantee peers on one session store: each peer keeps a server-side
 * session in that same store, reads the user's row on every request and sends its framework's
 * security headers (see the notes).
 */
export interface PeerComparison {
  /** The store ours and these peers use. */
  store: 'sqlite' | 'redis';
  /** Our signed-in subject on that store (`demo-sqlite`, `demo-redis`) and its median req/s. */
  ours: { id: string; medianRps: number };
  peers: PeerFigure[];
  /** The peer with the highest median req/s, and ours ÷ it (`id` empty and ratio NaN, null in the JSON, when no peer has a figure). */
  fastest: { id: string; oursOver: number };
}

/** The cluster subject measured: WEB_CONCURRENCY workers against the single-process demo on the same store. */
export interface ClusterMeasured {
  /** Its subject id in `subjects` (`demo-cluster`). */
  id: string;
  /** WEB_CONCURRENCY: the machine's cores but the load generator's (or `--cluster-cores` − 1). */
  workers: number;
  /** The CPU list (taskset) its primary and workers ran on, or `unpinned`. */
  cpus: string;
  medianRps: number;
  /** The single-process subject it is divided by (`demo-sqlite`). */
  single: { id: string; medianRps: number };
  /** `medianRps` ÷ `single.medianRps`: informational, no target (null in the JSON when either is missing). */
  scaling: number;
  /** Set when `--cluster-cores` forced it on fewer cores than it assumes: the figure means nothing. */
  caveat?: string;
}

/** The cluster subject, or why this run skipped it (fewer than 4 cores). */
export type ClusterResult = ClusterMeasured | { skipped: string };

/** Everything one `pnpm bench` run measured; written to bench/results/latest.json. */
export interface BenchResult {
  generatedAt: string;
  node: string;
  cpus: number;
  /** Whether the servers ran pinned to core 0 (taskset) and the load generator to its own core. */
  pinned: boolean;
  /** The load generator's core when pinned: the last one (absent in results from before the cluster subject, when it was core 1). */
  loadCore?: number;
  quick: boolean;
  rounds: number;
  durationSeconds: number;
  /** scrypt params of the login measurements. */
  scrypt: { logN: number; r: number; p: number };
  subjects: SubjectResult[];
  login: LoginResult;
  /** What bounds the signed-in ratio: the hand-written floor ÷ bare Koa, and the demo (SQLite) ÷ that floor. */
  reference: {
    floorOverKoa: number;
    demoOverFloor: number;
    /** Signed-in SQLite with the exact caches ÷ the same with AUTH_CACHE=off (absent in results from before the cache). */
    cacheOverNoCache?: number | undefined;
    /** Signed-in SQLite while another process commits sign-ins ÷ the same on quiet files. */
    writerOverQuiet?: number | undefined;
    /** The fixed stack doing nothing else ÷ bare Koa: the most any app on DESIGN.md's stack reaches here (absent in results from before the stack subject). */
    stackOverKoa?: number | undefined;
    /** The fixed stack doing nothing else ÷ the fastest equal-guarantee peer on SQLite. */
    stackOverFastestPeer?: number | undefined;
  };
  /** Ours ÷ the equal-guarantee peers, SQLite then Redis (absent from results written before the peers were measured). */
  peers?: PeerComparison[];
  /** WEB_CONCURRENCY workers ÷ the single-process demo, or why it was skipped (absent in results from before the cluster subject). */
  cluster?: ClusterResult;
  /** Caveats: what a ratio compares, and why a target may stay out of reach. */
  notes: string[];
  targets: TargetResult[];
}

/**
 * Builds a target row: compares `value` with `limit` using `op`. NaN never passes. `byCpu`, for
 * ratios of two subjects, is carried along for the report and does not decide the result.
 *
 * @example
 * target('loop lag p99 ms', 4, '<', 20); // { name: 'loop lag p99 ms', value: 4, op: '<', limit: 20, pass: true }
 * target('ours ÷ bare Koa', 0.3, '>=', 0.35, 0.25); // { …, pass: false, byCpu: 0.25 }
 */
export function target(name: string, value: number, op: TargetResult['op'], limit: number, byCpu?: number): TargetResult {
  const pass = op === '>=' ? value >= limit : op === '<' ? value < limit : value === limit;
  return { name, value, op, limit, pass: Number.isFinite(value) && pass, ...(byCpu === undefined ? {} : { byCpu }) };
}
