import cluster, { type Worker } from 'node:cluster';
import { shareCountersWithWorkers } from '@acme/auth-core';

/** A worker that dies this many times within {@link RESTART_WINDOW_MS} is not started again: the primary stops. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
/** How long the workers get to finish their requests on SIGTERM/SIGINT before they are killed. */
const STOP_GRACE_MS = 12_000;

/** Forks one worker and resolves once it listens; rejects if it exits first (it printed why). */
function startWorker(): Promise<Worker> {
  const worker = cluster.fork();
  return new Promise((resolve, reject) => {
    const exited = (code: number | null, signal: string | null) => reject(new Error(`worker ${worker.process.pid ?? '?'} exited before listening (${signal ?? `code ${code ?? '?'}`})`));
    worker.once('exit', exited);
    worker.once('listening', () => {
      worker.off('exit', exited);
      resolve(worker);
    });
  });
}

function liveWorkers(): Worker[] {
  return Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
}

/** Ends every worker (SIGTERM, then SIGKILL after the grace period) and exits with `code`. */
function stopAll(code: number): void {
  const workers = liveWorkers();
  if (workers.length === 0) process.exit(code);
  let left = workers.length;
  for (const worker of workers) {
    worker.once('exit', () => {
      left -= 1;
      if (left === 0) process.exit(code);
    });
    worker.process.kill('SIGTERM');
  }
  setTimeout(() => {
    for (const worker of liveWorkers()) worker.process.kill('SIGKILL');
    process.exit(code === 0 ? 1 : code);
  }, STOP_GRACE_MS).unref();
}

/**
 * The primary process of `WEB_CONCURRENCY=N` (node:cluster): keeps every worker's throttle
 * counters (rate-limiter-flexible's cluster master: without Redis, limits hold across workers),
 * forks the N workers one after another, each running the app and listening on the shared port,
 * and starts a new one when a worker dies (a crash loop, 5 deaths within a minute, stops the
 * primary with exit code 1). SIGTERM or SIGINT stops every worker gracefully and exits.
 *
 * One after another, because the first worker to start migrates the database and, in
 * development, writes the key files the others then read; in parallel they would race for both.
 * A worker that cannot start (a bad setting, a taken port) has printed why: the primary stops
 * the others and exits 1.
 *
 * @example
 * if (config.webConcurrency > 1 && cluster.isPrimary) return runPrimary(config.webConcurrency, config.appName, config.port);
 */
export async function runPrimary(workers: number, appName: string, port: number): Promise<void> {
  shareCountersWithWorkers();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: stopping ${liveWorkers().length} workers`);
    stopAll(0);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  try {
    for (let i = 0; i < workers && !stopping; i += 1) await startWorker();
  } catch (error) {
    // A worker stopped by SIGTERM/SIGINT while starting is no failure: stop() is already ending them all.
    if (stopping) return;
    console.error(error instanceof Error ? error.message : error);
    stopping = true;
    stopAll(1);
    return;
  }
  if (stopping) return;
  console.log(`${appName}: ${workers} workers on port ${port} (WEB_CONCURRENCY), throttle counters shared`);
  const deaths: number[] = [];
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    deaths.push(now);
    while (deaths.length > 0 && (deaths[0] ?? now) < now - RESTART_WINDOW_MS) deaths.shift();
    if (deaths.length > MAX_RESTARTS) {
      console.error(`workers keep dying (${deaths.length} within a minute): stopping`);
      stopping = true;
      stopAll(1);
      return;
    }
    console.error(`worker ${worker.process.pid ?? '?'} exited (${signal ?? `code ${code}`}): starting another`);
    startWorker().catch((error: unknown) => console.error(error instanceof Error ? error.message : error));
  });
}
