import { availableParallelism } from 'node:os';
import { corePlan, coresText, type CorePlan } from './cores.js';
import { closeClient } from './http-client.js';
import { canPin, killAll, pinSelf, startSubject, type Subject } from './processes.js';

/**
 * Interleaved rounds when `--rounds` is not given: 1 in quick mode (a harness check), else 3.
 *
 * @example
 * defaultRounds(false); // 3
 */
export function defaultRounds(quick: boolean): number {
  return quick ? 1 : 3;
}

/** What one benchmark run shares: its settings, its progress log, and how it starts subjects. */
export interface BenchRun {
  /** Interleaved rounds: `options.rounds`, else {@link defaultRounds}. */
  rounds: number;
  /** Seconds of load per subject and round: 1 in quick mode, else 5. */
  seconds: number;
  /** Whether servers run pinned to core 0 and this process (the load generator) to `cores.load`. */
  pin: boolean;
  /** The core split (see {@link corePlan}); applied only when `pin`. */
  cores: CorePlan;
  /** Progress lines (stderr by default). */
  log: (line: string) => void;
  /** Starts a subject (pinned when the run is: to `cpus`, default the servers' core); the run stops it when it ends. */
  start: (script: string, args: string[], options?: { cpus?: string; waitReady?: boolean; timeoutMs?: number }) => Promise<Subject>;
}

/**
 * Runs `body` as one benchmark run: pins where it can (this process to the last core, see
 * {@link corePlan}; `clusterCores` is what the cluster subject assumes), logs the set-up as
 * `<name>: …`, and when `body` returns or throws, stops every subject it started (SIGTERM, so
 * they clean up), kills any left and closes the harness's HTTP client.
 *
 * @example
 * const points = await benchRun('bench --budget', { quick: true }, async ({ start }) => …);
 */
export async function benchRun<T>(
  name: string,
  options: { quick: boolean; log?: ((line: string) => void) | undefined; clusterCores?: number | undefined; rounds?: number | undefined },
  body: (run: BenchRun) => Promise<T>,
): Promise<T> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const rounds = options.rounds ?? defaultRounds(options.quick);
  const seconds = options.quick ? 1 : 5;
  const cores = corePlan(availableParallelism(), options.clusterCores);
  const pin = canPin() && pinSelf(cores.load);
  log(`${name}: ${rounds} round(s) of ${seconds}s; servers ${pin ? `on ${coresText(cores.servers)}, load on core ${cores.load}` : 'unpinned (no taskset or one core)'}`);
  const started: Subject[] = [];
  const start: BenchRun['start'] = async (script, args, extra = {}) => {
    const subject = await startSubject(script, args, { pin, ...extra });
    started.push(subject);
    return subject;
  };
  try {
    return await body({ rounds, seconds, pin, cores, log, start });
  } finally {
    await Promise.all(started.map((s) => s.stop()));
    killAll();
    closeClient();
  }
}
