import autocannon from 'autocannon';
import { processTreeCpuMs } from './processes.js';
import { ratio, rotate } from './stats.js';

/** Requests per second and how many answers were not the expected status class. */
export interface LoadResult {
  rps: number;
  /** Answers received (any status). */
  answered: number;
  unexpected: number;
}

/**
 * Runs autocannon against `http://127.0.0.1:<port><path>` for `seconds` with `connections`
 * keep-alive connections; counts answers outside `expect` (`2xx` or `3xx`), errors and timeouts.
 *
 * @example
 * const { rps } = await load(port, '/dashboard', { seconds: 5, expect: '2xx', headers: { cookie } });
 */
export async function load(port: number, path: string, options: { seconds: number; expect: '2xx' | '3xx'; connections?: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections: options.connections ?? 32,
    duration: options.seconds,
    headers: options.headers ?? {},
    timeout: 10,
  });
  const total = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return { rps: result.requests.total / result.duration, answered: total, unexpected: total - result[options.expect] + result.errors + result.timeouts };
}

/** One server to load in {@link interleavedLoad}. */
export interface LoadTarget {
  /** Names it in the result and the progress lines. */
  id: string;
  port: number;
  path: string;
  expect: '2xx' | '3xx';
  headers?: Record<string, string>;
  /** The server's process id: when given, its CPU time (and its children's) is read around each round. */
  pid?: number;
}

/** A target's figures over the rounds: req/s and server CPU µs per answer per round, and unexpected answers in all. */
export interface RoundFigures {
  rps: number[];
  /** The server's CPU time per answer in µs, one per round (NaN without a pid or /proc). */
  cpuUs: number[];
  unexpected: number;
}

/**
 * Loads every target once per round for `seconds`, each round starting with a different one, so
 * a busy or quiet spell of the machine falls on all of them alike. Returns each target's
 * figures by id: req/s, and for a target with a `pid` the server's CPU time per answer.
 *
 * @example
 * const figures = await interleavedLoad([{ id: 'koa', port, path: '/dashboard', expect: '2xx' }], { rounds: 3, seconds: 5, log: console.error });
 */
export async function interleavedLoad(targets: readonly LoadTarget[], options: { rounds: number; seconds: number; log: (line: string) => void }): Promise<Map<string, RoundFigures>> {
  const figures = new Map<string, RoundFigures>(targets.map((t) => [t.id, { rps: [], cpuUs: [], unexpected: 0 }]));
  for (let round = 0; round < options.rounds; round += 1) {
    for (const t of rotate(targets, round)) {
      const cpuBefore = t.pid === undefined ? Number.NaN : processTreeCpuMs(t.pid);
      const result = await load(t.port, t.path, { seconds: options.seconds, expect: t.expect, ...(t.headers ? { headers: t.headers } : {}) });
      const cpuUs = t.pid === undefined ? Number.NaN : ratio((processTreeCpuMs(t.pid) - cpuBefore) * 1000, result.answered);
      const figure = figures.get(t.id);
      figure?.rps.push(result.rps);
      figure?.cpuUs.push(cpuUs);
      if (figure) figure.unexpected += result.unexpected;
      options.log(`  round ${round + 1} ${t.id}: ${Math.round(result.rps)} req/s${Number.isFinite(cpuUs) ? `, ${cpuUs.toFixed(1)} µs server CPU per answer` : ''}`);
    }
  }
  return figures;
}
