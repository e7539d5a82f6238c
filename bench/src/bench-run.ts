import { closeClient } from './http-client.js';
import { canPin, killAll, pinSelf, startSubject, type Subject } from './processes.js';

/** What one benchmark run shares: its settings, its progress log, and how it starts subjects. */
export interface BenchRun {
  /** Interleaved rounds: 1 in quick mode, else 3. */
  rounds: number;
  /** Seconds of load per subject and round: 1 in quick mode, else 5. */
  seconds: number;
  /** Whether servers run pinned to core 0 and this process (the load generator) to core 1. */
  pin: boolean;
  /** Progress lines (stderr by default). */
  log: (line: string) => void;
  /** Starts a subject (pinned when the run is); the run stops it when it ends. */
  start: (script: string, args: string[], options?: { waitReady?: boolean; timeoutMs?: number }) => Promise<Subject>;
}

/**
 * Runs `body` as one benchmark run: pins where it can, logs the set-up as `<name>: …`, and when
 * `body` returns or throws, stops every subject it started (SIGTERM, so they clean up), kills
 * any left and closes the harness's HTTP client.
 *
 * @example
 * const points = await benchRun('bench --budget', { quick: true }, async ({ start }) => …);
 */
export async function benchRun<T>(name: string, options: { quick: boolean; log?: ((line: string) => void) | undefined }, body: (run: BenchRun) => Promise<T>): Promise<T> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const rounds = options.quick ? 1 : 3;
  const seconds = options.quick ? 1 : 5;
  const pin = canPin() && pinSelf(1);
  log(`${name}: ${rounds} round(s) of ${seconds}s; servers ${pin ? 'on core 0, load on core 1' : 'unpinned (no taskset or one core)'}`);
  const started: Subject[] = [];
  const start: BenchRun['start'] = async (script, args, extra = {}) => {
    const subject = await startSubject(script, args, { pin, ...extra });
    started.push(subject);
    return subject;
  };
  try {
    return await body({ rounds, seconds, pin, log, start });
  } finally {
    await Promise.all(started.map((s) => s.stop()));
    killAll();
    closeClient();
  }
}
