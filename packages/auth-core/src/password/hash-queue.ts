/**
 * A semaphore with a bounded wait queue for password hashing.
 *
 * Written here because p-limit and friends have no queue bound: under a login flood their queue
 * grows without limit. At N=2^17 one scrypt run holds 128 MiB, so the number of runs in flight
 * caps memory, and the queue cap turns a flood into fast "busy" answers instead of a backlog.
 */

/** Thrown when the hashing queue is full; apps answer 503 with `Retry-After`. */
export class HasherBusyError extends Error {
  /** Always `'HasherBusyError'`. */
  override name = 'HasherBusyError';
  /** Seconds the client should wait before retrying. */
  readonly retryAfterSeconds: number;
  /** HTTP status apps should answer with. */
  readonly status = 503;
  /** The message is safe to show to clients. */
  readonly expose = true;

  constructor(retryAfterSeconds = 1) {
    super('The server is busy checking passwords. Please try again in a moment.');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Options of {@link createHashQueue}. */
export interface HashQueueOptions {
  /** Most tasks running at once (≥ 1). */
  maxConcurrent: number;
  /** Most tasks waiting (≥ 0); one more is rejected with {@link HasherBusyError}. */
  maxQueue: number;
}

/** A bounded semaphore: {@link createHashQueue}'s result. */
export interface HashQueue {
  /** Runs `task` when a slot is free; rejects with {@link HasherBusyError} when the queue is full. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  inFlight: () => number;
  /** Tasks waiting now. */
  queued: () => number;
  /** The highest number of tasks that ran at once since creation. */
  peakInFlight: () => number;
}

/**
 * Creates a bounded semaphore.
 *
 * @example
 * const queue = createHashQueue({ maxConcurrent: 2, maxQueue: 64 });
 * const hash = await queue.run(() => expensiveHash(password));
 */
export function createHashQueue(options: HashQueueOptions): HashQueue {
  const { maxConcurrent, maxQueue } = options;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) throw new RangeError('maxConcurrent must be a whole number ≥ 1');
  if (!Number.isInteger(maxQueue) || maxQueue < 0) throw new RangeError('maxQueue must be a whole number ≥ 0');
  let running = 0;
  let peak = 0;
  const waiting: (() => void)[] = [];

  const release = (): void => {
    running -= 1;
    const next = waiting.shift();
    if (next) next();
  };

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running >= maxConcurrent) {
        if (waiting.length >= maxQueue) throw new HasherBusyError();
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      running += 1;
      peak = Math.max(peak, running);
      try {
        return await task();
      } finally {
        release();
      }
    },
    inFlight: () => running,
    queued: () => waiting.length,
    peakInFlight: () => peak,
  };
}
